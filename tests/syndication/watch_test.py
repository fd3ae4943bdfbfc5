#!/usr/bin/env python3
"""`gazette index --watch --prune` with `gazette serve` running: files dropped into the
watched folder are found through the server (written at once, renamed into place from
a hidden temporary name, written in several steps, landing in a new subfolder), a
renamed file stays one article, a deleted file's article goes, names that are not
inputs are ignored, and a saved search fires from the watch.

Usage: watch_test.py GAZETTE
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse

import feedparser

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from http_checks import check, finish, request, serve, stop  # noqa: E402

TOKEN = "watch-token"
AUTH = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"}


def article(title, body, topic="markets", url=None):
    url = url or "https://watch.example/" + title.split()[0].lower()
    return (f"---\ntitle: \"{title}\"\ntopics: [{topic}]\nwebUrl: {url}\n"
            f"publishedDateTime: 2026-12-01T10:00:00Z\n---\n{body}\n")


def hits(url, q):
    status, _, body = request(url + "api/search?" + urllib.parse.urlencode({"q": q}))
    return [h["id"] for h in json.loads(body)["hits"]] if status == 200 else None


def wait_for(url, q, want, seconds=15):
    """Polls the search until its hit ids are `want`; returns the last answer."""
    deadline = time.time() + seconds
    got = None
    while time.time() < deadline:
        got = hits(url, q)
        if got == want:
            return got
        time.sleep(0.1)
    return got


def main():
    gazette = sys.argv[1]
    work = tempfile.mkdtemp(prefix="gazette-watch-")
    db, inbox = work + "/db", work + "/inbox"
    os.mkdir(inbox)
    with open(inbox + "/seed.md", "w") as f:
        f.write(article("Seedling story", "The first article, indexed before the watch."))
    watcher = subprocess.Popen([gazette, "index", "--db", db, "--watch", "--prune",
                                "--commit-interval", "500", inbox],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = watcher.stdout.readline()  # the first run's summary: the database exists
    check("indexed 1" in line, "first run: " + line)
    server, url = serve(gazette, db, "--admin-token", TOKEN)
    try:
        check(wait_for(url, "seedling", ["https://watch.example/seedling"]) is not None,
              "seed not found")
        status, _, body = request(url + "api/saved-searches", AUTH, "POST", json.dumps(
            {"name": "Tulips", "params": {"q": "tulip"}}).encode())
        saved = json.loads(body)
        check(status == 201, f"saved search: {status}")

        with open(inbox + "/tulips.md", "w") as f:  # written and closed at once
            f.write(article("Tulips rally", "Tulip bulbs rose in Amsterdam trading."))
        check(wait_for(url, "tulip", ["https://watch.example/tulips"]) ==
              ["https://watch.example/tulips"], "a file written at once")

        with open(inbox + "/.orchid.tmp", "w") as f:  # atomic writers: hidden, then renamed
            f.write(article("Orchids bloom", "Orchid growers report a record season."))
        check(hits(url, "orchid") == [], "a hidden temporary file was indexed")
        os.rename(inbox + "/.orchid.tmp", inbox + "/orchid.md")
        check(wait_for(url, "orchid", ["https://watch.example/orchids"]) ==
              ["https://watch.example/orchids"], "a file renamed into place")

        with open(inbox + "/steps.md", "w") as f:  # several steps, closed once at the end
            f.write(article("Stepwise report", "The first half mentions nothing.")[:-1])
            f.flush()
            time.sleep(0.4)
            f.write(" The second half mentions marigolds.\n")
        check(wait_for(url, "marigold", ["https://watch.example/stepwise"]) ==
              ["https://watch.example/stepwise"], "a file written in several steps")

        os.makedirs(inbox + "/2026/12")  # a new folder, written into at once
        with open(inbox + "/2026/12/daisy.md", "w") as f:
            f.write(article("Daisy chains", "Daisy exports doubled."))
        check(wait_for(url, "daisy", ["https://watch.example/daisy"]) ==
              ["https://watch.example/daisy"], "a file in a new subfolder")

        with open(inbox + "/notes.txt", "w") as f:
            f.write("lilac lilac lilac")
        os.rename(inbox + "/tulips.md", inbox + "/tulips-moved.md")
        time.sleep(1.5)
        check(hits(url, "tulip") == ["https://watch.example/tulips"], "a renamed file")
        check(hits(url, "lilac") == [], "a .txt file was indexed")

        os.remove(inbox + "/orchid.md")
        check(wait_for(url, "orchid", []) == [], "a deleted file's article stayed")

        status, _, body = request(url + "feed/saved/" + saved["id"])
        feed = feedparser.parse(body)
        check(status == 200 and feed.bozo == 0, f"saved feed: {status}")
        check([e.link for e in feed.entries] == ["https://watch.example/tulips"],
              "the saved search did not fire from the watch: "
              + str([e.link for e in feed.entries]))
    finally:
        stop(server)
        watcher.terminate()
        out, err = watcher.communicate(timeout=30)
    check(watcher.returncode == 0, f"the watch exited {watcher.returncode}: {err}")
    check("match(es) of 1 saved search(es)" in err, "no alerts line: " + err)
    finish()


if __name__ == "__main__":
    main()
