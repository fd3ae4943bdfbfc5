"""Shared by the peers_* helpers of bench/peers.sh: reading the generated corpus and
query set, translating gazette's query syntax, and timing a query loop."""
import json
import multiprocessing
import os
import re
import time

TOKEN = re.compile(r'(title|topic):("[^"]*"|\S+)|("[^"]*")|(\S+)')


def articles(corpus_dir):
    """Yields (title, excerpt, body, topics, provider) of every .jsonl record, in path order."""
    for root, dirs, files in os.walk(corpus_dir):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith('.jsonl'):
                continue
            with open(os.path.join(root, name), encoding='utf-8') as f:
                for line in f:
                    if line.strip():
                        a = json.loads(line)
                        yield (a['title'], a.get('excerpt', ''), a.get('body', ''),
                               ' | '.join(a.get('topics', [])), a.get('provider', {}).get('name', ''))


def corpus_bytes(corpus_dir):
    total = 0
    for root, _, files in os.walk(corpus_dir):
        total += sum(os.path.getsize(os.path.join(root, n)) for n in files if n.endswith('.jsonl'))
    return total


def queries(path):
    with open(path, encoding='utf-8') as f:
        return [line.strip() for line in f if line.strip()]


def parse(query):
    """gazette syntax -> (words and phrases, [(field, term or phrase)])."""
    plain, scoped = [], []
    for m in TOKEN.finditer(query):
        if m.group(1):
            scoped.append((m.group(1), m.group(2)))
        else:
            plain.append(m.group(3) or m.group(4))
    return plain, scoped


def quote(term):
    return term if term.startswith('"') else '"' + term + '"'


def _client(make_run, qs, barrier, counter, out):
    run = make_run()
    for q in qs:  # warm pass
        try:
            run(q)
        except Exception:  # noqa: BLE001 -- a rejected query counts as an error
            pass
    barrier.wait()
    ms, errors = [], 0
    while True:
        with counter.get_lock():
            i = counter.value
            counter.value += 1
        if i >= len(qs):
            break
        t0 = time.perf_counter()
        try:
            run(qs[i])
        except Exception:  # noqa: BLE001
            errors += 1
        ms.append((time.perf_counter() - t0) * 1000)
    out.put((ms, errors))


def time_queries(make_run, qs, clients=1):
    """Each of `clients` processes makes its own connection with make_run(), runs every
    query once to warm up, then all share one pass over the queries; prints the
    percentile line peers.sh reads."""
    ctx = multiprocessing.get_context('fork')
    barrier = ctx.Barrier(clients + 1)
    counter = ctx.Value('l', 0)
    out = ctx.Queue()
    procs = [ctx.Process(target=_client, args=(make_run, qs, barrier, counter, out))
             for _ in range(clients)]
    for p in procs:
        p.start()
    barrier.wait()
    start = time.perf_counter()
    ms, errors = [], 0
    for _ in procs:
        m, e = out.get()
        ms += m
        errors += e
    total = time.perf_counter() - start
    for p in procs:
        p.join()
    ms.sort()
    pct = lambda p: ms[min(len(ms) - 1, int(p / 100 * len(ms)))]
    print('queries %d  clients %d  p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  max %.3f ms  '
          '%.0f queries/s  (errors %d)'
          % (len(ms), clients, pct(50), pct(95), pct(99), ms[-1], len(ms) / total, errors))
