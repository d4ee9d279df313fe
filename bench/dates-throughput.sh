#!/bin/sh
# Measures date-extraction throughput (MB/s of normalised text, one thread, release build):
# the WikiWars texts (about 0.5 MB, 11 long articles) are read and normalised once, then
# extract_dates runs over all of them ROUNDS times.
# Usage: bench/dates-throughput.sh [ROUNDS]
set -eu
cd "$(dirname "$0")/.."
BENCH=${WIKIWARS:-../shared/benchmarks/wikiwars}
cargo build --release --quiet --example timex_bench
target/release/examples/timex_bench "$BENCH/text" --dct 2009-12-19 --throughput "${1:-20}"
