#!/usr/bin/env python3
"""Runs gazette.service's ExecStart line the way systemd would start it, where there is
no systemd to run the unit itself: checks the unit's hardening, lays out a fresh root
with the packaged gazette.yaml and the StateDirectory, indexes the sample corpus with
that config, starts the ExecStart command with a NOTIFY_SOCKET, waits for READY=1, gets
a search answer over HTTP, reloads gazette.yaml with SIGHUP while requests run (none
may fail; the new ranking weight must show in the answers; a broken file is refused
and changes nothing), and stops the service with
SIGTERM (STOPPING=1, exit status 0). With systemd-analyze present, the unit must also
verify without a warning.

Usage: run_unit.py UNIT CONFIG GAZETTE CORPUS
"""
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def parse_unit(path):
    """Returns {section: [(key, value), ...]} (keys may repeat)."""
    sections, current = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("["):
                current = sections.setdefault(line.strip("[]"), [])
            elif "=" in line:
                key, value = line.split("=", 1)
                current.append((key.strip(), value.strip()))
    return sections


def values(section, key):
    return [v for k, v in section if k == key]


def check_hardening(service):
    expected = {"Type": "notify", "DynamicUser": "yes", "ProtectSystem": "strict",
                "NoNewPrivileges": "yes", "PrivateTmp": "yes", "StateDirectory": "gazette"}
    for key, want in expected.items():
        got = values(service, key)
        if got != [want]:
            fail(f"unit: {key}={got} wanted {want}")
    if "/var/lib/gazette" not in " ".join(values(service, "ReadWritePaths")).split():
        fail("unit: ReadWritePaths does not cover /var/lib/gazette")
    if values(service, "ExecReload") != ["/bin/kill -HUP $MAINPID"]:
        fail("unit: ExecReload does not send SIGHUP")


def verify_with_systemd(unit_path, gazette, tmp):
    if not shutil_which("systemd-analyze"):
        print("note: systemd-analyze not installed; unit syntax not verified")
        return
    with open(unit_path, encoding="utf-8") as f:
        text = f.read().replace("/usr/bin/gazette", gazette)
    copy = os.path.join(tmp, "gazette.service")
    with open(copy, "w", encoding="utf-8") as f:
        f.write(text)
    run = subprocess.run(["systemd-analyze", "verify", "--man=no", copy],
                         capture_output=True, text=True)
    if run.returncode != 0 or run.stderr.strip():
        fail("systemd-analyze verify: " + (run.stderr.strip() or f"exit {run.returncode}"))


def shutil_which(name):
    for d in os.environ.get("PATH", "").split(":"):
        if os.access(os.path.join(d, name), os.X_OK):
            return True
    return False


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, None


def main():
    unit_path, config_path, gazette, corpus = sys.argv[1:5]
    unit = parse_unit(unit_path)
    service = unit.get("Service", [])
    check_hardening(service)

    tmp = tempfile.mkdtemp(prefix="gazette-unit-")
    verify_with_systemd(unit_path, gazette, tmp)
    root = os.path.join(tmp, "root")
    state = os.path.join(root, "var/lib", values(service, "StateDirectory")[0])
    os.makedirs(state)
    os.makedirs(os.path.join(root, "etc/gazette"))
    # The packaged settings, with /var/lib/gazette inside the fresh root and a free port.
    with open(config_path, encoding="utf-8") as f:
        config = f.read()
    if "database: /var/lib/gazette/" not in config:
        fail("gazette.yaml: the database is not under the StateDirectory /var/lib/gazette")
    config = config.replace("/var/lib/gazette", state)
    config = config.replace("listen: 127.0.0.1:8080", "listen: 127.0.0.1:0")
    root_config = os.path.join(root, "etc/gazette/gazette.yaml")
    with open(root_config, "w", encoding="utf-8") as f:
        f.write(config)

    def mapped(arg):
        return {"/usr/bin/gazette": gazette}.get(arg, arg.replace("/etc/gazette", root + "/etc/gazette"))

    command = [mapped(a) for a in shlex.split(values(service, "ExecStart")[0])]
    index = subprocess.run([gazette, "--config", root_config, "index", "-q", corpus],
                           capture_output=True, text=True)
    if index.returncode != 0:
        fail("index: " + index.stderr)
        return

    notify_path = os.path.join(tmp, "notify")
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(notify_path)
    notify.settimeout(0.2)
    messages = []

    def wait_for(word, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if any(word in m.split("\n") for m in messages):
                return True
            try:
                messages.append(notify.recv(4096).decode())
            except socket.timeout:
                pass
        return False

    env = {"PATH": "/usr/bin:/bin", "NOTIFY_SOCKET": notify_path, "STATE_DIRECTORY": state}
    server = subprocess.Popen(command, cwd="/", env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        if not wait_for("READY=1", 30):
            fail("no READY=1 on NOTIFY_SOCKET within 30 s; got " + repr(messages))
            return
        line = server.stdout.readline()
        url = line[line.find("http://"):].strip()
        if not url.startswith("http://127.0.0.1:"):
            fail("serve printed no URL: " + line)
            return
        status, body = get(url + "api/search?q=inflation&explain=true")
        if status != 200 or not body or body["total"] < 1:
            fail(f"search for inflation: status {status}, body {body}")
            return
        hit = body["hits"][0]
        if abs(hit["explain"]["quality"] - hit["quality"] / 100) > 1e-9:
            fail(f"quality part {hit['explain']['quality']} is not quality/100 at weight 1")
        print(f"serving {url}: {body['total']} hits for inflation, READY=1 received")
        check_reload(server, root_config, url, messages, wait_for)
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=30)
        if code != 0:
            fail(f"serve exited {code} after SIGTERM")
        if not wait_for("STOPPING=1", 2):
            fail("no STOPPING=1 on NOTIFY_SOCKET: " + repr(messages))
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        if failures:
            print(server.stderr.read(), file=sys.stderr)


def check_reload(server, config_path, url, messages, wait_for):
    """SIGHUP while requests run: none fails, and the new quality weight shows."""
    with open(config_path, encoding="utf-8") as f:
        config = f.read()
    with open(config_path, "w", encoding="utf-8") as f:
        f.write(config.replace("quality: 1.0 ", "quality: 3.0 "))
    errors, answered, done = [], [], threading.Event()

    def hammer():
        while not done.is_set():
            status, _ = get(url + "api/search?q=inflation")
            answered.append(status)
            if status != 200:
                errors.append(status)

    threads = [threading.Thread(target=hammer) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    messages.clear()
    server.send_signal(signal.SIGHUP)
    reloaded = wait_for("READY=1", 10)
    time.sleep(0.3)
    done.set()
    for t in threads:
        t.join()
    if not reloaded or not any("RELOADING=1" in m.split("\n") for m in messages):
        fail("SIGHUP: no RELOADING=1 then READY=1 on NOTIFY_SOCKET: " + repr(messages))
    if errors:
        fail(f"{len(errors)} requests failed during the reload: {errors[:5]}")
    status, body = get(url + "api/search?q=inflation&explain=true")
    hit = body["hits"][0] if body and body.get("hits") else None
    if status != 200 or not hit or abs(hit["explain"]["quality"] - 3 * hit["quality"] / 100) > 1e-9:
        fail(f"after SIGHUP the quality weight is not 3: {hit and hit['explain']}")
    else:
        print(f"SIGHUP: reloaded gazette.yaml (quality weight 3); {len(answered)} requests "
              "during the reload, none failed")
    # A broken file is refused: the running settings stay, and the service is ready again.
    with open(config_path, "a", encoding="utf-8") as f:
        f.write("bogus_setting: 1\n")
    messages.clear()
    server.send_signal(signal.SIGHUP)
    if not wait_for("READY=1", 10):
        fail("SIGHUP with a broken gazette.yaml: no READY=1 afterwards: " + repr(messages))
    status, body = get(url + "api/search?q=inflation&explain=true")
    hit = body["hits"][0] if body and body.get("hits") else None
    if status != 200 or not hit or abs(hit["explain"]["quality"] - 3 * hit["quality"] / 100) > 1e-9:
        fail(f"after a refused reload the quality weight is not still 3: {hit and hit['explain']}")
    else:
        print("SIGHUP with an unknown setting in gazette.yaml: refused, the running settings stay")


if __name__ == "__main__":
    main()
    if failures:
        sys.exit(1)
    print("ok: the unit's ExecStart serves the sample corpus")
