#!/usr/bin/env bash
# Checks the gazette command line as a user meets it. PART is one of:
#   help        every command's --help lists its options, defaults and examples;
#               search's shows the query syntax; --version; the man page
#   errors      an unknown command is named and the commands listed; a bad value names
#               the valid ones, once
#   completion  the bash script from `gazette completion bash`, sourced in bash with
#               COMP_WORDS/COMP_CWORD set, completes commands, options, facet names
#               and files; the zsh script parses (when zsh is installed)
# Usage: check_cli.sh PART GAZETTE
set -euo pipefail
part=$1 gazette=$2
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
contains() { grep -qF -- "$2" <<<"$1" || fail "$3: missing '$2'"; }

# The commands, as the top-level --help lists them.
commands=$("$gazette" --help | sed -n '/^Subcommands:/,$p' | awk 'NR > 1 && NF {print $1}')
[[ -n $commands ]] || { echo "FAIL: gazette --help lists no subcommands" >&2; exit 1; }

case $part in
help)
  version=$("$gazette" --version)
  [[ $version =~ ^gazette\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version printed '$version'"
  for c in $commands corpus\ check corpus\ generate replicate\ serve replicate\ follow; do
    [[ $c == corpus ]] && continue
    # shellcheck disable=SC2086
    help=$("$gazette" $c --help)
    contains "$help" "Examples:" "gazette $c --help"
    contains "$help" "gazette $c" "gazette $c --help (an example runs it)"
  done
  help=$("$gazette" search --help)
  for text in "Query syntax:" '"buffer stock"' "published:" "NEAR/3" "--match MODE:{auto,all,any}" "--sort ORDER:{relevance,newest,oldest,quality}" \
    "--facets FACETS:{topic,provider,category,type,language,collection,date},..." \
    "(default: relevance; newest without a query)" "Hits per page (at most limits.max_per_page) (default: 10)" "--page N "; do
    contains "$help" "$text" "gazette search --help"
  done
  contains "$("$gazette" --help)" "a stub file naming shards" "gazette --help (--db)"
  contains "$("$gazette" serve --help)" "(default: 127.0.0.1:8080)" "gazette serve --help (--listen default)"
  help=$("$gazette" index --help)
  contains "$help" "--only-shard I" "gazette index --help"
  contains "$help" "--shards 3 --only-shard 1" "gazette index --help (a cluster example)"
  man=$("$gazette" man)
  contains "$man" ".TH GAZETTE 1" "gazette man"
  for c in $commands; do
    [[ $c == corpus ]] && c="corpus check"
    [[ $c == replicate ]] && c="replicate follow"
    contains "$man" ".SS \"gazette $c\"" "gazette man"
  done
  ;;
errors)
  set +e
  out=$("$gazette" frobnicate 2>&1); status=$?
  set -e
  [[ $status == 2 ]] || fail "gazette frobnicate exited $status, not 2"
  contains "$out" "unknown command 'frobnicate'" "gazette frobnicate"
  for c in $commands; do contains "$out" "$c" "gazette frobnicate (lists the commands)"; done
  set +e
  out=$("$gazette" search --sort sideways cocoa 2>&1); status=$?
  set -e
  [[ $status == 2 ]] || fail "--sort sideways exited $status, not 2"
  contains "$out" "--sort: expected one of relevance, newest, oldest, quality; got 'sideways'" "--sort sideways"
  [[ $(grep -o relevance <<<"$out" | wc -l) == 1 ]] || fail "--sort sideways names the values more than once: $out"
  set +e
  out=$("$gazette" search --facets topic,colour cocoa 2>&1); status=$?
  set -e
  [[ $status == 2 ]] || fail "--facets colour exited $status, not 2"
  contains "$out" "unknown value 'colour' (known: topic, provider, category, type, language, collection, date)" "--facets colour"
  set +e
  out=$("$gazette" serve --decay linear 2>&1); status=$?
  set -e
  [[ $status == 2 ]] || fail "--decay linear exited $status, not 2"
  contains "$out" "expected one of exponential, gaussian; got 'linear'" "serve --decay linear"
  set +e
  out=$("$gazette" search --match most cocoa 2>&1); status=$?
  set -e
  [[ $status == 2 ]] || fail "--match most exited $status, not 2"
  contains "$out" "expected one of auto, all, any; got 'most'" "search --match most"
  ;;
completion)
  script=$(mktemp)
  work=$(mktemp -d)
  trap 'rm -rf "$script" "$work"' EXIT
  "$gazette" completion bash >"$script"
  # Runs the completion function for the words given (the last one is being typed)
  # and prints the candidates, sorted, on one line.
  complete_line() {
    (cd "$work" && bash -c '
      source "$0"
      COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
      _gazette
      printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' "$script" "$@")
  }
  expect() {
    local want=$1; shift
    local got
    got=$(complete_line "$@")
    [[ ${got% } == "$want" ]] || fail "completing '$*': got '${got% }', want '$want'"
  }
  expect "$(sort <<<"$commands" | tr '\n' ' ' | sed 's/ $//')" gazette ""
  expect "search serve" gazette se
  expect "check generate" gazette corpus ""
  expect "follow serve" gazette replicate ""
  expect "--only-shard" gazette index --only
  expect "--sort" gazette --db x.db search --so
  expect "newest" gazette search --sort n
  # Facet names: the values the parser accepts, as its error message lists them.
  known=$({ "$gazette" search --facets nope x 2>&1 || true; } | sed -n "s/.*(known: \(.*\)).*/\1/p" | tr -d ',')
  [[ -n $known ]] || fail "no facet list in the --facets error"
  expect "$(tr ' ' '\n' <<<"$known" | sort | tr '\n' ' ' | sed 's/ $//')" gazette search --facets ""
  expect "topic,provider" gazette search --facets topic,pro
  expect "jsonl md" gazette corpus generate --format ""
  expect "bash zsh" gazette completion ""
  # A flag takes no value: the next word is a positional (files for index).
  touch "$work/articles.md"
  expect "articles.md" gazette index --json art
  expect "articles.md" gazette --db x.db index art
  expect "" gazette search --page ""
  if command -v zsh >/dev/null; then
    "$gazette" completion zsh >"$script"
    zsh -n "$script" || fail "the zsh completion script does not parse"
    head -1 "$script" | grep -qx '#compdef gazette' || fail "the zsh script lacks #compdef"
  fi
  ;;
*)
  echo "unknown part $part" >&2
  exit 2
  ;;
esac
((failures == 0)) || exit 1
echo "ok: cli $part"
