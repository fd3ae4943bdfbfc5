#!/usr/bin/env python3
"""Feeds and OpenSearch over HTTP on Reuters articles: /feed?q=cocoa is Atom 1.0 that
feedparser reads without complaint (bozo == 0), newest first, and a repeat request
with its ETag (or its Last-Modified) gets 304; /opensearch.xml carries the OpenSearch
1.1 elements; /api/suggest answers the OpenSearch suggestions format.

Usage: feeds_test.py GAZETTE REUTERS_DIR
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

import feedparser

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from http_checks import check, fail, finish, request, require_corpora, serve, stop  # noqa: E402

OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


def check_feed(url):
    status, headers, body = request(url + "feed?q=cocoa")
    check(status == 200, f"/feed?q=cocoa answered {status}")
    check(headers.get("Content-Type", "").startswith("application/atom+xml"),
          "feed Content-Type " + str(headers.get("Content-Type")))
    feed = feedparser.parse(body)
    check(feed.bozo == 0, f"feedparser: bozo {feed.bozo} ({feed.get('bozo_exception')})")
    check(feed.version == "atom10", "feed version " + feed.version)
    entries = feed.entries
    check(len(entries) >= 5, f"only {len(entries)} entries for cocoa")
    dates = [time.mktime(e.published_parsed) for e in entries]
    check(dates == sorted(dates, reverse=True), "entries are not newest first")
    for e in entries:
        check(e.get("id") and e.get("title") and e.get("link"), "entry without id/title/link")
    _, _, api = request(url + "api/search?q=cocoa&sort=newest&per_page=20")
    expected = [h["url"] for h in json.loads(api)["hits"]]
    check([e.link for e in entries] == expected, "entries differ from /api/search sort=newest")
    check(feed.feed.get("updated_parsed") == entries[0].updated_parsed,
          "the feed's updated is not its newest entry's")

    etag, modified = headers.get("ETag"), headers.get("Last-Modified")
    check(etag and modified, "no ETag or Last-Modified")
    status, again, body = request(url + "feed?q=cocoa", {"If-None-Match": etag})
    check(status == 304 and body == b"", f"repeat with the ETag answered {status}")
    check(again.get("ETag") == etag, "304 without the same ETag")
    status, _, _ = request(url + "feed?q=cocoa", {"If-None-Match": '"0000000000000000"'})
    check(status == 200, f"a stale ETag answered {status}")
    status, _, _ = request(url + "feed?q=cocoa", {"If-Modified-Since": modified})
    check(status == 304, f"repeat with If-Modified-Since answered {status}")
    status, _, _ = request(url + "feed?q=cocoa+OR+coffee")
    check(status == 200, f"a different feed answered {status}")
    status, _, body = request(url + "feed?q=cocoa&sort=quality")
    check(status == 400 and b"sort" in body, f"sort=quality on a feed answered {status}")
    status, _, body = request(url + "feed?per_page=0")
    check(status == 400 and b"per_page" in body, f"per_page=0 on a feed answered {status}")


def check_opensearch(url):
    status, headers, body = request(url + "opensearch.xml")
    check(status == 200, f"/opensearch.xml answered {status}")
    check(headers.get("Content-Type", "").startswith("application/opensearchdescription+xml"),
          "OpenSearch Content-Type " + str(headers.get("Content-Type")))
    root = ET.fromstring(body)
    check(root.tag == OPENSEARCH + "OpenSearchDescription", "root element " + root.tag)
    short = root.findtext(OPENSEARCH + "ShortName") or ""
    check(0 < len(short) <= 16, "ShortName missing or over 16 characters")
    description = root.findtext(OPENSEARCH + "Description") or ""
    check(0 < len(description) <= 1024, "Description missing or over 1024 characters")
    urls = {u.get("type"): u.get("template") for u in root.findall(OPENSEARCH + "Url")}
    for kind in ("text/html", "application/atom+xml", "application/x-suggestions+json"):
        template = urls.get(kind) or ""
        check("{searchTerms}" in template, f"no {kind} Url with {{searchTerms}}")
        if not template:
            continue
        target = template.replace("{searchTerms}", "coc")
        check(target.startswith(url), f"{kind} template is not absolute on this server")
        status, answer, body = request(target)
        check(status == 200, f"{kind} template answered {status}")
        check(answer.get("Content-Type", "").startswith(kind), f"{kind} answered as "
              + str(answer.get("Content-Type")))
        if kind == "application/x-suggestions+json":
            suggestions = json.loads(body)
            check(suggestions[0] == "coc" and "cocoa" in suggestions[1],
                  "suggestions: " + body.decode())

    status, answer, body = request(url + "api/suggest?q=coc",
                                   {"Accept": "application/x-suggestions+json"})
    check(answer.get("Content-Type", "").startswith("application/x-suggestions+json")
          and json.loads(body)[0] == "coc", "Accept did not select the suggestions format")
    status, _, body = request(url + "api/suggest?q=coc")
    check(status == 200 and "suggestions" in json.loads(body), "plain suggest changed")
    status, _, _ = request(url + "api/suggest?q=coc&format=xml")
    check(status == 400, f"format=xml answered {status}")
    status, _, page = request(url)
    check(b'rel="search"' in page and b"/opensearch.xml" in page, "page lacks rel=search")
    check(b'rel="alternate"' in page and b"application/atom+xml" in page,
          "page lacks the feed link")


def main():
    gazette, reuters = sys.argv[1:3]
    require_corpora(reuters)
    db = tempfile.mkdtemp(prefix="gazette-feeds-") + "/db"
    subprocess.run([gazette, "index", "-q", "--db", db, reuters + "/05", reuters + "/06"],
                   check=True, stdout=subprocess.DEVNULL)
    server, url = serve(gazette, db)
    try:
        check_feed(url)
        check_opensearch(url)
    finally:
        stop(server)
    finish()


if __name__ == "__main__":
    main()
