#!/usr/bin/env python3
"""Sphinx peer of bench/peers.sh: the corpus as an xmlpipe2 stream for `indexer`, and
query timing through searchd's SphinxQL (MySQL protocol, pymysql), top 10, all words
required (extended syntax; title:/topic: become @title/@topics field limits).

  peers_sphinx.py xmlpipe CORPUS_DIR > corpus.xml
  peers_sphinx.py query PORT QUERIES_FILE [CLIENTS]
"""
import os
import sys
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers_query  # noqa: E402

FIELDS = ('title', 'excerpt', 'body', 'topics', 'provider')
COLUMNS = {'title': 'title', 'topic': 'topics'}


def xmlpipe(corpus):
    out = sys.stdout
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<sphinx:docset>\n<sphinx:schema>\n')
    out.write('<sphinx:field name="title" attr="string"/>\n')  # title stored, as FTS5 does
    for f in FIELDS[1:]:
        out.write('<sphinx:field name="%s"/>\n' % f)
    out.write('</sphinx:schema>\n')
    for n, article in enumerate(peers_query.articles(corpus), 1):
        out.write('<sphinx:document id="%d">' % n)
        for f, v in zip(FIELDS, article):
            out.write('<%s>%s</%s>' % (f, escape(v), f))
        out.write('</sphinx:document>\n')
    out.write('</sphinx:docset>\n')


def to_match(query):
    plain, scoped = peers_query.parse(query)
    # Field limits apply to everything after them, so they go last.
    return ' '.join(plain + ['@%s %s' % (COLUMNS[f], t) for f, t in scoped])


def query(port, path, clients=1):
    import pymysql  # Debian's python3-pymysql

    def make_run():
        con = pymysql.connect(host='127.0.0.1', port=int(port), user='', autocommit=True)
        cur = con.cursor()

        def run(q):
            cur.execute('SELECT id, title FROM articles WHERE MATCH(%s) LIMIT 10', (to_match(q),))
            return cur.fetchall()
        return run

    peers_query.time_queries(make_run, peers_query.queries(path), clients)


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'xmlpipe':
        xmlpipe(sys.argv[2])
    elif len(sys.argv) in (4, 5) and sys.argv[1] == 'query':
        query(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) == 5 else 1)
    else:
        sys.exit(__doc__)
