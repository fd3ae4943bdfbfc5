#!/usr/bin/env python3
# Known-item queries on Reuters for `gazette eval`: each names one article, by its headline or by 15 words from the middle of its body.
"""Writes two query sets with their qrels (one relevant article per query):

  headlines.tsv / headlines.qrels   the lower-cased title of every 20th article
                                    (titles of 2+ words, bodies of 200+ characters)
  sentences.tsv / sentences.qrels   words 61-75 of the body of every 20th article,
                                    offset by 10 (bodies of 90+ words): text beyond
                                    the excerpt, which holds the body's opening

Usage: reuters_known_items.py CORPUS_DIR OUT_DIR
"""
import glob
import os
import re
import sys


def front_matter(path):
    with open(path, encoding="utf-8") as f:
        parts = f.read().split("---", 2)
    if len(parts) < 3:
        return None, None, ""
    title = re.search(r'^title: "(.*)"$', parts[1], re.M)
    url = re.search(r'^webUrl: "(.*)"$', parts[1], re.M)
    return (title.group(1).replace('\\"', '"') if title else None,
            url.group(1) if url else None, parts[2].strip())


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    corpus, out = sys.argv[1], sys.argv[2]
    files = sorted(glob.glob(os.path.join(corpus, "*", "*.md")))
    if not files:
        sys.exit(f"{corpus}: no .md articles found")
    os.makedirs(out, exist_ok=True)
    sets = {"headlines": [], "sentences": []}
    for i, path in enumerate(files):
        if i % 20 not in (0, 10):
            continue
        title, url, body = front_matter(path)
        if not url:
            continue
        if i % 20 == 0 and title and len(title.split()) >= 2 and len(body) >= 200:
            sets["headlines"].append((title.lower(), url))
        words = re.findall(r"[A-Za-z][A-Za-z'.-]*", body)
        if i % 20 == 10 and len(words) >= 90:
            sets["sentences"].append((" ".join(words[60:75]).lower(), url))
    for name, rows in sets.items():
        with open(os.path.join(out, name + ".tsv"), "w", encoding="utf-8") as q, \
                open(os.path.join(out, name + ".qrels"), "w", encoding="utf-8") as r:
            for n, (text, url) in enumerate(rows, 1):
                q.write(f"{n}\t{text}\n")
                r.write(f"{n} 0 {url} 1\n")
        print(f"{name}: {len(rows)} queries")


if __name__ == "__main__":
    main()
