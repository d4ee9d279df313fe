#!/usr/bin/env bash
# Records every command's output and exit code on two corpora, so a refactor can prove its
# outputs unchanged:
#
#   bench/compare-outputs.sh /tmp/before            # on the old commit
#   bench/compare-outputs.sh /tmp/after             # on the new one
#   diff -r /tmp/before /tmp/after                  # nothing printed: byte-identical
#
# Corpora: the bundled corpus/ (checked against the committed baseline) and the sixteen
# articles of ../shared/benchmarks/wikipedia/ (checked against an empty baseline). Run from
# the repository root; CONCORD defaults to ./target/debug/concord. Each run uses fresh
# temporary indexes, and a second `report` on a warm index checks the cached path too.
set -uo pipefail
out=${1:?usage: bench/compare-outputs.sh OUT_DIR [CONCORD]}
concord=${2:-./target/debug/concord}
wiki_src=${WIKI:-../shared/benchmarks/wikipedia}
cd "$(dirname "$0")/.."
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The wikipedia articles (not their README) in a scratch corpus.
mkdir -p "$work/wiki"
for f in "$wiki_src"/*.md; do
  [ "$(basename "$f")" = README.md ] || cp "$f" "$work/wiki/"
done

# run NAME CORPUS INDEX ARGS...: stdout, stderr and exit code into $out/NAME.{out,err,code}.
run() {
  local name=$1 corpus=$2 index=$3
  shift 3
  "$concord" --color never --corpus "$corpus" --index "$index" "$@" >"$out/$name.out" 2>"$out/$name.err"
  echo $? >"$out/$name.code"
  # Temporary paths differ between runs: name them by role.
  sed -i -e "s#$work#WORK#g" "$out/$name.out" "$out/$name.err"
}

for set in corpus wiki; do
  if [ $set = corpus ]; then dir=corpus; base=(); else dir=$work/wiki; base=(--baseline "$work/none.json"); fi
  idx=$work/index-$set
  run "$set-index" "$dir" "$idx" index
  sed -i -E 's/ in [0-9.]+ s$/ in T s/' "$out/$set-index.out"
  for f in text concise markdown json html; do
    run "$set-report-$f" "$dir" "$idx" report --format "$f"
    run "$set-timeline-$f" "$dir" "$idx" timeline --format "$f"
  done
  run "$set-report-statistics" "$dir" "$idx" report --statistics
  for f in text concise json github sarif; do
    run "$set-check-$f" "$dir" "$idx" check "${base[@]}" --format "$f"
  done
  run "$set-check-verbose" "$dir" "$idx" check "${base[@]}" --verbose
  run "$set-check-statistics" "$dir" "$idx" check "${base[@]}" --statistics
  run "$set-check-strict" "$dir" "$idx" check "${base[@]}" --strict --format concise
  for f in text json; do
    run "$set-claims-$f" "$dir" "$idx" claims --format "$f"
    run "$set-dates-$f" "$dir" "$idx" dates --format "$f"
    run "$set-bodies-$f" "$dir" "$idx" bodies --format "$f"
  done
  # One body's timeline (the subject of the first claim), and an unknown body (an error).
  subject=$(grep -o '"subject":"[^"]*"' "$out/$set-claims-json.out" | head -1 | cut -d'"' -f4)
  run "$set-timeline-one" "$dir" "$idx" timeline "$subject"
  run "$set-timeline-one-json" "$dir" "$idx" timeline "$subject" --format json
  run "$set-timeline-unknown" "$dir" "$idx" timeline "No Such Body Anywhere"
  run "$set-export" "$dir" "$idx" export
  run "$set-search-treaty" "$dir" "$idx" search treaty --limit 20
  run "$set-search-treaty-json" "$dir" "$idx" search treaty --limit 20 --format json
  run "$set-search-dated" "$dir" "$idx" search treaty --from 1950 --to 1990 --limit 5 --format json
  # dates on paths, read straight from disk (no index).
  run "$set-dates-paths" "$dir" "$work/unused-$set" dates --format json "$dir"
  # A fresh index: the cold path must print what the warm one does.
  run "$set-report-cold" "$dir" "$work/cold-$set" report --format json
done
echo "wrote $(ls "$out" | wc -l) files to $out"
