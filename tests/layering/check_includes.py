#!/usr/bin/env python3
"""Checks that components include only the headers their layer allows.

Usage: check_includes.py SOURCE_DIR. Prints "file:line: reason" for every include of a
project header outside the component's allowed set, or a link dependency that skips a
layer, and exits 1 if there is any.
"""
import pathlib
import re
import sys

# Component folder -> project header prefixes it may include ("dir/" or an exact path).
# A more specific folder (indexer/analysis) is matched before its parent.
ALLOWED = {
    "base": ["base/"],
    "indexer/analysis": ["base/", "indexer/analysis/", "indexer/schema.h"],
    # indexer/stored_data.h: the stored record's codec (its own library,
    # gazette_stored_data, with no other project dependency), read by query/'s hits.
    "query": ["base/", "query/", "indexer/schema.h", "indexer/stored_data.h", "indexer/analysis/"],
    "web": ["base/", "web/", "query/", "alerts/"],
}
# Component folder -> system headers it must not include.
FORBIDDEN_SYSTEM = {
    "web": ["xapian.h"],  # web never sees a Xapian type
}
# CMake file -> libraries it must not link (it would reach past its layer).
FORBIDDEN_LINKS = {
    "query/CMakeLists.txt": ["gazette_indexer", "gazette_corpus", "gazette_web", "gazette_alerts"],
    "indexer/analysis/CMakeLists.txt": ["gazette_indexer", "gazette_corpus", "gazette_query"],
    "web/CMakeLists.txt": ["gazette_indexer", "gazette_corpus"],
}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')
SOURCES = {".h", ".cc", ".cpp", ".hpp"}


def component(rel):
    for folder in sorted(ALLOWED, key=len, reverse=True):
        if rel.startswith(folder + "/"):
            return folder
    return None


def main():
    root = pathlib.Path(sys.argv[1])
    problems = []
    checked = 0
    for folder in ALLOWED:
        for path in sorted((root / folder).rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.suffix not in SOURCES or component(rel) != folder:
                continue
            checked += 1
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            for number, line in enumerate(lines, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                quote, header = m.groups()
                if quote == "<":
                    if header in FORBIDDEN_SYSTEM.get(folder, []):
                        problems.append(f"{rel}:{number}: {folder}/ must not include <{header}>")
                    continue
                if not any(header == a or (a.endswith("/") and header.startswith(a))
                           for a in ALLOWED[folder]):
                    problems.append(
                        f"{rel}:{number}: {folder}/ must not include \"{header}\" "
                        f"(allowed: {', '.join(ALLOWED[folder])})")
    for cmake, libraries in FORBIDDEN_LINKS.items():
        if not (root / cmake).is_file():
            problems.append(f"{cmake}: missing")
            continue
        text = (root / cmake).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(text, 1):
            code = line.split("#", 1)[0]
            for library in libraries:
                if re.search(r"\b" + library + r"\b", code):
                    problems.append(f"{cmake}:{number}: must not link {library}")
    if checked == 0:
        problems.append(f"{root}: no sources found; is this the source tree?")
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"{checked} files follow the layering rules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
