#!/usr/bin/env bash
# Size of the CI gate's output at scale (issue 15): a generated corpus, every finding
# accepted in a baseline, then one date changed in one sheet.
#
#   cargo run --release --example gen_corpus -- --out /tmp/c5k --sheets 5000 --size 5000 --seed 7
#   bench/ci-output.sh /tmp/c5k ./target/release/concord
#
# The corpus is restored at the end. Prints lines and bytes of each format.
set -euo pipefail
corpus=${1:?usage: ci-output.sh CORPUS_DIR [CONCORD]}
concord=${2:-./target/release/concord}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() { "$concord" --corpus "$corpus" --index "$work/index" "$@"; }

run -q check --baseline "$work/base.json" --update-baseline
echo "accepted findings: $(grep -c '"id"' "$work/base.json")"
# One date changed: the first ISO day date of the first sheet, moved four years on.
sheet=$(find "$corpus" -name '*.txt' | LC_ALL=C sort | sed -n 1p)
cp "$sheet" "$work/orig"
trap 'cp "$work/orig" "$sheet"; rm -rf "$work"' EXIT
date=$(grep -o -m1 -E '\b1[0-9]{3}-[0-9]{2}-[0-9]{2}\b' "$sheet")
sed -i "s/$date/$((${date:0:4} + 4))${date:4}/" "$sheet"
echo "changed $date in $sheet"

measure() {
  local name=$1; shift
  set +e; run "$@" > "$work/out"; local code=$?; set -e
  printf '%-40s exit %s  %8s lines  %10s bytes\n' "$name" "$code" "$(wc -l < "$work/out")" "$(wc -c < "$work/out")"
}
measure "check --format github" check --baseline "$work/base.json" --format github
measure "check --format sarif" check --baseline "$work/base.json" --format sarif
python3 - "$work/out" <<'PY'
import json, sys
rs = json.load(open(sys.argv[1]))["runs"][0]["results"]
print(f"  sarif: {len(rs)} results, at most {max((len(r['locations']) for r in rs), default=0)} location(s) "
      f"and {max((len(r.get('relatedLocations', [])) for r in rs), default=0)} related location(s) per result")
PY
measure "check (text)" check --baseline "$work/base.json"
measure "check --format github, no baseline" check --baseline "$work/none.json" --format github
measure "check --format sarif, no baseline" check --baseline "$work/none.json" --format sarif
measure "check --format concise, no baseline" check --baseline "$work/none.json" --format concise
measure "report (text)" report
awk '/^(conflict|review)\[/{if(n)print n; n=0} {n++} END{print n}' "$work/out" | sort -n | tail -1 \
  | xargs printf '  report: at most %s lines per finding\n'
