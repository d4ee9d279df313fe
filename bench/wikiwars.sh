#!/bin/sh
# Scores concord's date extractor on the WikiWars benchmark (DATE type).
# Usage: bench/wikiwars.sh [extra score.py flags, e.g. --errors 50]
set -eu
BENCH=${WIKIWARS:-/work/shared/benchmarks/wikiwars}
OUT=${OUT:-target/wikiwars.tsv}
cargo build --release --quiet --example wikiwars
target/release/examples/wikiwars "$BENCH/text" > "$OUT"
python3 "$BENCH/score.py" "$OUT" --types DATE "$@"
