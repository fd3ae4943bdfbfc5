#!/usr/bin/env python3
"""SQLite FTS5 peer of bench/peers.sh: porter unicode61 tokenizer, content stored, all
articles in one transaction; queries ranked by bm25, top 10, all words required.

  peers_fts5.py index DB CORPUS_DIR
  peers_fts5.py query DB QUERIES_FILE [CLIENTS]
"""
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers_query  # noqa: E402

COLUMNS = {'title': 'title', 'topic': 'topics'}


def to_match(query):
    plain, scoped = peers_query.parse(query)
    parts = [peers_query.quote(t) for t in plain]
    parts += ['%s : %s' % (COLUMNS[f], peers_query.quote(t.strip('"'))) for f, t in scoped]
    return ' AND '.join(parts)


def index(db, corpus):
    if os.path.exists(db):
        os.remove(db)
    start = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE articles USING fts5("
                "title, excerpt, body, topics, provider, tokenize='porter unicode61')")
    with con:
        con.executemany('INSERT INTO articles VALUES (?, ?, ?, ?, ?)', peers_query.articles(corpus))
    n = con.execute('SELECT count(*) FROM articles').fetchone()[0]
    con.close()
    s = time.perf_counter() - start
    print('indexed %d articles in %.2f s, %.0f articles/s' % (n, s, n / s))


def query(db, path, clients=1):
    sql = 'SELECT rowid, title FROM articles WHERE articles MATCH ? ORDER BY rank LIMIT 10'

    def make_run():
        con = sqlite3.connect(db)
        return lambda q: con.execute(sql, (to_match(q),)).fetchall()

    peers_query.time_queries(make_run, peers_query.queries(path), clients)


if __name__ == '__main__':
    if len(sys.argv) == 4 and sys.argv[1] == 'index':
        index(sys.argv[2], sys.argv[3])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == 'query':
        query(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) == 5 else 1)
    else:
        sys.exit(__doc__)
