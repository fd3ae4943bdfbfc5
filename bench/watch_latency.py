#!/usr/bin/env python3
"""Time from a file being closed in a folder that `gazette index --watch` watches to its
article being found through a running `gazette serve`, over N arrivals.

Starts both on a scratch database, then writes N small articles into the folder at a
steady rate, each carrying a unique word; a poller searches for the words not yet found
(one OR query every --poll seconds) and records when each first appears. Prints p50,
p90, p99 and max.

Usage: watch_latency.py GAZETTE [--count 1000] [--rate 10] [--poll 0.02]
"""
import argparse
import json
import os
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request


def word(i):
    letters = "bcdfghjklmnpqrstvwxz"
    w = ""
    for _ in range(4):
        w += letters[i % 20]
        i //= 20
    return "zq" + w + "ova"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gazette")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--rate", type=float, default=10.0, help="arrivals per second")
    ap.add_argument("--poll", type=float, default=0.02)
    ap.add_argument("--commit-interval", default="1000")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="gazette-latency-")
    db, inbox = work + "/db", work + "/inbox"
    os.mkdir(inbox)
    with open(inbox + "/seed.md", "w") as f:
        f.write("---\ntitle: Seed\n---\nseed\n")
    watcher = subprocess.Popen([args.gazette, "index", "--db", db, "--watch",
                                "--commit-interval", args.commit_interval, inbox],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    watcher.stdout.readline()
    server = subprocess.Popen([args.gazette, "serve", "--db", db, "--listen", "127.0.0.1:0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = server.stdout.readline()
    url = line[line.find("http://"):].strip()
    closed, found = {}, {}
    lock = threading.Lock()
    done = threading.Event()

    def poll():
        while not done.is_set() or len(found) < len(closed):
            with lock:
                waiting = [w for w in closed if w not in found]
            if waiting:
                q = " OR ".join(waiting[:50])
                body = urllib.request.urlopen(url + "api/search?" + urllib.parse.urlencode(
                    {"q": q, "per_page": 100})).read()
                now = time.monotonic()
                for hit in json.loads(body)["hits"]:
                    w = hit["title"].split()[-1]
                    with lock:
                        found.setdefault(w, now)
            time.sleep(args.poll)

    poller = threading.Thread(target=poll)
    poller.start()
    for i in range(args.count):
        w = word(i)
        with open(f"{inbox}/{w}.md", "w") as f:
            f.write(f"---\ntitle: Arrival {w}\n---\nBody of arrival {i}.\n")
        with lock:
            closed[w] = time.monotonic()
        time.sleep(1 / args.rate)
    done.set()
    poller.join(timeout=120)
    server.terminate()
    watcher.terminate()
    latencies = sorted(found[w] - closed[w] for w in found)
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))]
    print(f"{len(latencies)} of {args.count} arrivals found; latency p50 {pct(0.5):.3f} s, "
          f"p90 {pct(0.9):.3f} s, p99 {pct(0.99):.3f} s, max {latencies[-1]:.3f} s")


if __name__ == "__main__":
    main()
