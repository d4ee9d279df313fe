#!/bin/sh
# Scores concord's date extractor on both TIMEX3 benchmarks at once, so a gain in one register
# that costs the other shows: TBAQ (256 news and press-wire documents, each read with its own
# creation date) and WikiWars (11 history narratives, read with the corpus's download date).
# Prints one table: strict, relaxed and value F1 for DATE, value accuracy for DURATION.
# Usage: bench/dates.sh [--errors N [tbaq|wikiwars] [DATE|DURATION]]
#   (with --errors: the scorer's error list for one set and type, to develop by class)
# Paths are relative to the repository root; BENCH overrides the benchmark directory.
set -eu
cd "$(dirname "$0")/.."
BENCH=${BENCH:-../shared/benchmarks}
PROFILE=${PROFILE:-release}
if [ "$PROFILE" = release ]; then
    cargo build --release --quiet --example timex_bench
    BIN=target/release/examples/timex_bench
else
    cargo build --quiet --example timex_bench
    BIN=target/debug/examples/timex_bench
fi
mkdir -p target/bench
"$BIN" "$BENCH/tbaq/text" --gold "$BENCH/tbaq/gold.tsv" > target/bench/tbaq.tsv
"$BIN" "$BENCH/wikiwars/text" --dct 2009-12-19 > target/bench/wikiwars.tsv

if [ "${1:-}" = "--errors" ]; then
    set_name=${3:-tbaq}
    python3 "$BENCH/$set_name/score.py" "target/bench/$set_name.tsv" --types "${4:-DATE}" --errors "${2:-50}"
    exit 0
fi

score() { python3 "$BENCH/$1/score.py" "target/bench/$1.tsv" --types "$2" --json; }
printf '| set | type | gold | strict F1 | relaxed P | relaxed R | relaxed F1 | value acc. | value F1 |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for set_name in tbaq wikiwars; do
    for type in DATE DURATION; do
        score "$set_name" "$type" | python3 -c '
import json, sys
r = json.load(sys.stdin)
s, t = sys.argv[1], sys.argv[2]
pc = lambda x: "%.2f" % (100 * x)
print("| %s | %s | %d | %s | %s | %s | %s | %s | %s |" % (s, t, r["gold"], pc(r["strict"]["F1"]),
      pc(r["relaxed"]["P"]), pc(r["relaxed"]["R"]), pc(r["relaxed"]["F1"]),
      pc(r["value"]["accuracy"]), pc(r["value"]["F1"])))
' "$set_name" "$type"
    done
done
