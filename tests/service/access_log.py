#!/usr/bin/env python3
"""The access log of `gazette serve` as a log shipper sees it: with --log-format json
every request is one JSON line on stderr (time, level, remote, method, path, status,
duration_ms, request_id; hits and took_ms for searches), the request id is the
client's X-Request-Id when valid and a fresh one otherwise, and every answer echoes it
in X-Request-Id; --log-level warn drops the lines of answers below 500.

Usage: access_log.py GAZETTE CORPUS
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from http_checks import fail, failures, request, serve, stop  # noqa: E402


def main():
    gazette, corpus = sys.argv[1:3]
    db = tempfile.mkdtemp(prefix="gazette-log-") + "/db"
    subprocess.run([gazette, "index", "-q", "--db", db, corpus], check=True,
                   stdout=subprocess.DEVNULL)

    server, url = serve(gazette, db, "--log-format", "json")
    answers = [
        request(url + "api/search?q=inflation", {"X-Request-Id": "trace-42.a"}),
        request(url + "api/articles/nope", {"X-Request-Id": "bad id with spaces"}),
        request(url + "healthz"),
    ]
    log = stop(server)
    lines = [l for l in log.splitlines() if l.startswith("{")]
    if len(lines) != 3:
        fail(f"{len(lines)} JSON access lines for 3 requests: {log!r}")
        return
    # A line is written once its answer is sent, so lines may come in another order.
    by_path = {r.get("path"): r for r in map(json.loads, lines)}
    paths = ["/api/search", "/api/articles/nope", "/healthz"]
    if sorted(by_path) != sorted(paths):
        fail(f"logged paths {sorted(by_path)}")
        return
    records = [by_path[p] for p in paths]
    for record, (status, headers, _) in zip(records, answers):
        echoed = headers.get("X-Request-Id")
        for key in ("time", "level", "remote", "method", "path", "status", "duration_ms",
                    "request_id"):
            if key not in record:
                fail(f"access line lacks {key}: {record}")
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", record.get("time", "")):
            fail(f"time is not ISO-8601 UTC: {record.get('time')}")
        if record.get("status") != status:
            fail(f"logged status {record.get('status')}, answered {status}")
        if record.get("request_id") != echoed:
            fail(f"logged id {record.get('request_id')}, X-Request-Id {echoed}")
    search, missing, health = records
    if search.get("request_id") != "trace-42.a":
        fail(f"a valid X-Request-Id is not kept: {search.get('request_id')}")
    body = json.loads(answers[0][2])
    if search.get("hits") != body["total"] or not isinstance(search.get("took_ms"), (int, float)):
        fail(f"the search line has hits {search.get('hits')} (answer: {body['total']}) and "
             f"took_ms {search.get('took_ms')}")
    if search.get("path") != "/api/search" or search.get("method") != "GET":
        fail(f"method/path: {search.get('method')} {search.get('path')}")
    for generated in (missing, health):
        if not re.fullmatch(r"[0-9a-f]{16}", generated.get("request_id", "")):
            fail(f"an invalid or missing X-Request-Id gets no fresh id: {generated}")
        if "hits" in generated:
            fail(f"a line that is no search has hits: {generated}")
    if missing.get("request_id") == health.get("request_id"):
        fail("two requests got the same generated id")
    print("json access line:", json.dumps(search, sort_keys=True))

    # --log-level warn: 2xx and 4xx answers are not logged.
    server, url = serve(gazette, db, "--log-format", "json", "--log-level", "warn")
    request(url + "api/search?q=inflation")
    request(url + "api/articles/nope")
    log = stop(server)
    if any(l.startswith("{") for l in log.splitlines()):
        fail("--log-level warn still logs 2xx/4xx answers: " + log)

    # Text lines end with the request id.
    server, url = serve(gazette, db)
    request(url + "healthz", {"X-Request-Id": "plain-1"})
    log = stop(server)
    if not re.search(r"^\S+ GET /healthz 200 [0-9.]+ms plain-1$", log, re.M):
        fail("no text access line 'ADDRESS GET /healthz 200 Nms plain-1' in: " + log)


if __name__ == "__main__":
    main()
    if failures:
        sys.exit(1)
    print("ok: access log and request ids")
