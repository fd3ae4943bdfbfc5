"""Shared by the peers_* helpers of bench/peers.sh: reading the generated corpus and
query set, translating gazette's query syntax, and timing a query loop."""
import json
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


def time_queries(run, qs):
    """One warm pass, then one measured pass; prints the percentile line peers.sh reads."""
    errors = 0
    for q in qs:
        try:
            run(q)
        except Exception:  # noqa: BLE001 -- a rejected query counts as an error
            errors += 1
    ms = []
    start = time.perf_counter()
    for q in qs:
        t0 = time.perf_counter()
        try:
            run(q)
        except Exception:  # noqa: BLE001
            pass
        ms.append((time.perf_counter() - t0) * 1000)
    total = time.perf_counter() - start
    ms.sort()
    pct = lambda p: ms[min(len(ms) - 1, int(p / 100 * len(ms)))]
    print('queries %d  p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  max %.3f ms  %.0f queries/s  (errors %d)'
          % (len(ms), pct(50), pct(95), pct(99), ms[-1], len(ms) / total, errors))
