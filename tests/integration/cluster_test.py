#!/usr/bin/env python3
"""A three-host cluster on loopback: three shards of Reuters built by three separate
`gazette index --only-shard` runs, each served by xapian-tcpsrv, one `gazette serve`
front end over them answering exactly like one database; then a replica of a shard
host following a --rebuild and a rollback through `gazette replicate`.

Usage: cluster_test.py GAZETTE CORPORA_DIR. Exit 77 (skipped) without the Reuters
corpus or the Xapian tools.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

SHARDS = 3
QUERIES = ["cocoa", "oil prices", '"buffer stock"', "gold mine", "interest rates",
           "title:coffee", "trade deficit topic:usa", "wheat export", "yen dollar",
           "opec output"]
FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL: " + message, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.1)
    return False


class Processes:
    """Background processes, each in its own group, stopped at the end."""

    def __init__(self):
        self.procs = []

    def start(self, argv, port=None):
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        self.procs.append(proc)
        if port is not None and not wait_for_port(port):
            raise RuntimeError("%s did not listen on %d" % (argv[0], port))
        return proc

    def stop_all(self):
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, 15)
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)


def index(gazette, db, corpus, *flags):
    """Runs `gazette index`; returns (seconds, summary JSON)."""
    start = time.monotonic()
    out = subprocess.run([gazette, "--db", db, "index", "--quiet", "--json", *flags, corpus],
                         capture_output=True, text=True)
    seconds = time.monotonic() - start
    if out.returncode != 0:
        raise RuntimeError("gazette index %s failed (%d): %s" % (" ".join(flags),
                                                                out.returncode, out.stderr))
    return seconds, json.loads(out.stdout)


def delve(path):
    """(uuid, documents) of the database at `path`, from xapian-delve."""
    out = subprocess.run(["xapian-delve", path], capture_output=True, text=True).stdout
    facts = dict(line.split(" = ", 1) for line in out.splitlines() if " = " in line)
    return facts.get("UUID"), int(facts.get("number of documents", "-1"))


def search(port, query):
    # Stories are labelled within each database, so a host's shard folds only its own
    # copies of a story: the two layouts are compared unfolded.
    params = urllib.parse.urlencode({"q": query, "per_page": 20, "facets": "topic,provider",
                                     "collapse": "false"})
    with urllib.request.urlopen("http://127.0.0.1:%d/api/search?%s" % (port, params),
                                timeout=30) as reply:
        return json.load(reply)


def above(response, last):
    """Ids of the hits scoring above `last`, the page's lowest score (ties may be cut)."""
    return {h["id"]: round(h["score"], 9) for h in response["hits"] if h["score"] > last + 1e-9}


def compare(expected_port, actual_port, label):
    """Same totals, scores, facets and ids; ids of tied scores may come in any order."""
    for query in QUERIES:
        a, b = search(expected_port, query), search(actual_port, query)
        where = "%s, query %r" % (label, query)
        check(a["total"] == b["total"], "%s: total %d != %d" % (where, a["total"], b["total"]))
        check(len(a["hits"]) == len(b["hits"]), where + ": hit counts differ")
        if not a["hits"] or len(a["hits"]) != len(b["hits"]):
            continue
        last = a["hits"][-1]["score"]
        for x, y in zip(a["hits"], b["hits"]):
            check(abs(x["score"] - y["score"]) <= 1e-9 * max(1.0, x["score"]),
                  "%s: scores %r != %r" % (where, x["score"], y["score"]))
        check(above(a, last) == above(b, last), where + ": top ids differ")
        check(a["facets"] == b["facets"], where + ": facets differ")


def wait_until(condition, seconds):
    """Seconds until `condition()` held, or None when it did not within `seconds`."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        time.sleep(0.2)
    return None


def build_cluster(gazette, reuters, tmp, procs):
    """The single database, the three shard hosts and their tcpsrv; the front end's port."""
    seconds, whole = index(gazette, os.path.join(tmp, "single.db"), reuters)
    print("whole input, one host: %.1f s, %d documents" % (seconds, whole["documents"]))
    total = 0
    remote = []
    for i in range(SHARDS):
        db = os.path.join(tmp, "host%d" % i, "news.db")
        os.makedirs(os.path.dirname(db))
        seconds, part = index(gazette, db, reuters, "--shards", str(SHARDS),
                              "--only-shard", str(i))
        print("--only-shard %d of %d: %.1f s, %d documents, %d for other shards"
              % (i, SHARDS, seconds, part["documents"], part["other_shards"]), flush=True)
        check(part["documents"] > 0, "shard %d is empty" % i)
        check(part["documents"] + part["other_shards"] == whole["documents"],
              "shard %d: documents + other shards != the whole input" % i)
        total += part["documents"]
        port = free_port()
        # Served through the host's stub, so new connections see its live generation.
        procs.start(["xapian-tcpsrv", "--port", str(port), "--interface", "127.0.0.1",
                     "--quiet", db], port)
        remote.append("remote 127.0.0.1:%d\n" % port)
    check(total == whole["documents"], "the shards hold %d documents, one database %d"
          % (total, whole["documents"]))
    with open(os.path.join(tmp, "remote.db"), "w") as stub:
        stub.writelines(remote)
    ports = []
    for db in ("single.db", "remote.db"):
        port = free_port()
        procs.start([gazette, "--db", os.path.join(tmp, db), "serve", "--listen",
                     "127.0.0.1:%d" % port], port)
        ports.append(port)
    return ports


def follow_rebuild_and_rollback(gazette, reuters, tmp, procs):
    """A replica of host 0 follows its master through a rebuild and a rollback."""
    master = os.path.join(tmp, "host0", "news.db")
    replica = os.path.join(tmp, "replica0", "news.db")
    os.makedirs(os.path.dirname(replica))
    port = free_port()
    procs.start([gazette, "--db", master, "replicate", "serve", "--listen",
                 "127.0.0.1:%d" % port], port)
    once = subprocess.run([gazette, "--db", replica, "replicate", "follow", "--from",
                           "127.0.0.1:%d" % port, "--once"], capture_output=True, text=True)
    check(once.returncode == 0, "replicate follow --once failed: " + once.stderr)
    check(delve(replica) == delve(master), "the first pull differs from the master")
    procs.start([gazette, "--db", replica, "replicate", "follow", "--from",
                 "127.0.0.1:%d" % port, "--interval", "1"])
    before = delve(master)
    seconds, rebuilt = index(gazette, master, reuters, "--rebuild")
    print("--rebuild of shard 0 (the stored share): %.1f s, %d documents"
          % (seconds, rebuilt["documents"]))
    after = delve(master)
    check(after[0] != before[0] and after[1] == before[1],
          "the rebuild did not make a new generation of the same documents")
    caught_up = wait_until(lambda: delve(replica) == after, 60)
    check(caught_up is not None, "the replica did not follow the rebuild within 60 s")
    print("replica on the rebuilt generation after %.1f s" % (caught_up or -1))
    rolled = subprocess.run([gazette, "--db", master, "rollback"], capture_output=True)
    check(rolled.returncode == 0, "rollback failed")
    check(delve(master) == before, "the rollback did not restore the first generation")
    caught_up = wait_until(lambda: delve(replica) == before, 60)
    check(caught_up is not None, "the replica did not follow the rollback within 60 s")
    print("replica back on the first generation after %.1f s" % (caught_up or -1))


def main():
    gazette, corpora = sys.argv[1], sys.argv[2]
    reuters = os.path.join(corpora, "reuters")
    if not os.path.isdir(reuters):
        print("SKIPPED: %s is absent: this test needs the shared Reuters corpus" % reuters)
        return 77
    for tool in ("xapian-tcpsrv", "xapian-replicate", "xapian-replicate-server",
                 "xapian-delve"):
        if shutil.which(tool) is None:
            print("SKIPPED: %s is not installed (Debian package xapian-tools)" % tool)
            return 77
    tmp = tempfile.mkdtemp(prefix="gazette-cluster-")
    procs = Processes()
    try:
        single_port, front_port = build_cluster(gazette, reuters, tmp, procs)
        compare(single_port, front_port, "three remote shards vs one database")
        follow_rebuild_and_rollback(gazette, reuters, tmp, procs)
    finally:
        procs.stop_all()
        shutil.rmtree(tmp, ignore_errors=True)
    if FAILURES:
        print("%d check(s) failed" % len(FAILURES))
        return 1
    print("the cluster answers like one database, and the replica follows its master")
    return 0


if __name__ == "__main__":
    sys.exit(main())
