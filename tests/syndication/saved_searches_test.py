#!/usr/bin/env python3
"""Saved searches end to end: created through the API with the admin token (401
without it, 403 on a server without one, 400 naming a bad parameter), a search saved on
Reuters articles receives in its Atom feed an article indexed afterwards (and not one
it does not match), its webhook gets the match after a failed first POST, `gazette
alerts` lists it, and all of it survives a restart of `gazette serve`.

Usage: saved_searches_test.py GAZETTE REUTERS_DIR
"""
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

import feedparser

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from http_checks import check, finish, request, require_corpora, serve, stop  # noqa: E402

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"}


class Hook(http.server.BaseHTTPRequestHandler):
    """Answers 500 to the first POST, 200 after; keeps the bodies."""
    bodies = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Hook.bodies.append(json.loads(body))
        self.send_response(500 if len(Hook.bodies) == 1 else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


def article(folder, name, title, topic, body):
    with open(os.path.join(folder, name), "w") as f:
        f.write(f"---\ntitle: \"{title}\"\ntopics: [{topic}]\n"
                f"publishedDateTime: 2026-12-01T10:00:00Z\n"
                f"webUrl: https://wire.example/{name}\n"
                f"provider: {{name: Test Wire, domain: wire.example}}\n---\n{body}\n")
    return f"https://wire.example/{name}"


def create(url, payload, headers=AUTH):
    status, _, body = request(url + "api/saved-searches", headers, "POST",
                              json.dumps(payload).encode())
    return status, json.loads(body)


def check_refusals(url):
    status, body = create(url, {"name": "x", "params": {"q": "x"}}, {})
    check(status == 401 and body["error"]["code"] == "unauthorized", f"no token: {status}")
    status, _ = create(url, {"name": "x", "params": {"q": "x"}},
                       {"Authorization": "Bearer " + TOKEN[:-1] + "X"})
    check(status == 401, f"a wrong token answered {status}")
    status, _, _ = request(url + "api/saved-searches")
    check(status == 401, f"listing without the token answered {status}")
    for payload, field in [({"name": "x", "params": {"colour": "red"}}, "params.colour"),
                           ({"name": "x", "params": {"from": "yesterday"}}, "params.from"),
                           ({"name": "", "params": {}}, "name"),
                           ({"name": "x", "params": {}, "webhook": "ftp://x"}, "webhook"),
                           ({"name": "x", "params": {}, "extra": 1}, "extra")]:
        status, body = create(url, payload)
        check(status == 400 and body["error"]["message"].startswith(field),
              f"{payload} answered {status} {body}")


def feed_links(url, search_id):
    status, headers, body = request(url + "feed/saved/" + search_id)
    check(status == 200, f"saved feed answered {status}")
    feed = feedparser.parse(body)
    check(feed.bozo == 0, f"saved feed: bozo {feed.get('bozo_exception')}")
    return [e.link for e in feed.entries], headers.get("ETag")


def main():
    gazette, reuters = sys.argv[1:3]
    require_corpora(reuters)
    work = tempfile.mkdtemp(prefix="gazette-saved-")
    db, news = work + "/db", work + "/news"
    os.mkdir(news)
    subprocess.run([gazette, "index", "-q", "--db", db, reuters + "/05"], check=True,
                   stdout=subprocess.DEVNULL)
    hook = http.server.HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    hook_url = f"http://127.0.0.1:{hook.server_port}/hook"

    server, url = serve(gazette, db)  # no admin token: saved searches are off
    status, _ = create(url, {"name": "x", "params": {"q": "x"}})
    check(status == 403, f"a server without --admin-token answered {status}")
    stop(server)

    server, url = serve(gazette, db, "--admin-token", TOKEN)
    check_refusals(url)
    status, saved = create(url, {"name": "Cocoa buffer stock",
                                 "params": {"q": "cocoa buffer", "topic": ["cocoa"]},
                                 "webhook": hook_url})
    check(status == 201 and len(saved.get("id", "")) == 32, f"create answered {status} {saved}")
    check(saved["params"] == {"q": "cocoa buffer", "topic": ["cocoa"]}, f"params {saved}")
    links, _ = feed_links(url, saved["id"])
    check(links == [], "a new saved search has old articles in its feed")

    wanted = article(news, "icco.md", "ICCO buffer stock buys cocoa", "cocoa",
                     "The cocoa buffer stock manager bought 3,000 tonnes.")
    unwanted = article(news, "coffee.md", "Coffee buffer talks", "coffee",
                       "Coffee producers discussed a buffer stock.")
    subprocess.run([gazette, "index", "-q", "--db", db, news], check=True,
                   stdout=subprocess.DEVNULL)
    links, etag = feed_links(url, saved["id"])
    check(links == [wanted], f"feed after indexing: {links}")
    status, _, _ = request(url + "feed/saved/" + saved["id"], {"If-None-Match": etag})
    check(status == 304, f"repeat with the ETag answered {status}")

    deadline = time.time() + 20
    while len(Hook.bodies) < 2 and time.time() < deadline:
        time.sleep(0.2)
    check(len(Hook.bodies) == 2, f"webhook POSTs: {len(Hook.bodies)} (expected a retry)")
    check(all(b["article"]["url"] == wanted and b["saved_search"]["id"] == saved["id"]
              for b in Hook.bodies), f"webhook bodies: {Hook.bodies}")

    out = subprocess.run([gazette, "alerts", "--db", db, "--json"], check=True,
                         capture_output=True, text=True).stdout
    matches = json.loads(out)["matches"]
    check([m["article"]["url"] for m in matches] == [wanted], f"gazette alerts: {out}")

    stop(server)
    server, url = serve(gazette, db, "--admin-token", TOKEN)
    status, _, body = request(url + "api/saved-searches", AUTH)
    listed = json.loads(body)["saved_searches"] if status == 200 else []
    check([s["id"] for s in listed] == [saved["id"]], f"after restart: {status} {body[:200]}")
    links, _ = feed_links(url, saved["id"])
    check(links == [wanted], f"feed after restart: {links}")
    later = article(news, "icco2.md", "Cocoa buffer stock sells", "cocoa",
                    "The cocoa buffer stock manager sold 1,000 tonnes.")
    subprocess.run([gazette, "index", "-q", "--db", db, news], check=True,
                   stdout=subprocess.DEVNULL)
    links, _ = feed_links(url, saved["id"])
    check(links == [later, wanted], f"feed after a second run: {links}")
    check(unwanted not in links, "the coffee article matched")

    status, _, _ = request(url + "api/saved-searches/" + saved["id"], AUTH, "DELETE")
    check(status == 200, f"delete answered {status}")
    status, _, _ = request(url + "feed/saved/" + saved["id"])
    check(status == 404, f"feed of a deleted search answered {status}")
    status, _, _ = request(url + "api/saved-searches/" + saved["id"], AUTH, "DELETE")
    check(status == 404, f"deleting twice answered {status}")
    stop(server)
    hook.shutdown()
    finish()


if __name__ == "__main__":
    main()
