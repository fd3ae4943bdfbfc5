"""Shared pieces of the Python tests: running `gazette serve`, HTTP requests, failures.

A test imports it after putting tests/support on sys.path (see `sys.path.insert` in
tests/syndication/feeds_test.py).
"""
import os
import subprocess
import sys
import urllib.error
import urllib.request

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


def finish():
    if failures:
        raise SystemExit(f"{len(failures)} check(s) failed")
    print("ok")


def require_corpora(path):
    """Fails the test, naming the path, when the shared corpora are absent."""
    if not os.path.isdir(path):
        raise SystemExit(f"FAIL: {path} is absent: this test needs the shared corpora")


def request(url, headers=None, method="GET", data=None):
    """(status, headers, body bytes); HTTP errors are answers too."""
    req = urllib.request.Request(url, headers=headers or {}, method=method, data=data)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def serve(gazette, db, *flags):
    """Starts `gazette serve` on a free port; returns (process, base URL ending in /)."""
    server = subprocess.Popen([gazette, "serve", "--db", db, "--listen", "127.0.0.1:0", *flags],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    url = line[line.find("http://"):].strip()
    if not url.startswith("http://"):
        server.kill()
        raise SystemExit("FAIL: serve printed no URL: " + line + server.stderr.read())
    return server, url


def stop(server):
    """Stops the server; returns what it wrote on stderr (its log)."""
    server.terminate()
    try:
        _, log = server.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        _, log = server.communicate()
    return log
