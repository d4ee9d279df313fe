#!/bin/sh
# Measures date-extraction throughput (MB/s of normalised text, one thread, release build):
# the WikiWars texts (about 0.5 MB, 11 long articles) are read and normalised once, then
# extract_dates runs over all of them ROUNDS times.
# Usage: bench/dates-throughput.sh [ROUNDS]
set -eu
BENCH=${WIKIWARS:-/work/shared/benchmarks/wikiwars}
cargo build --release --quiet --example wikiwars
target/release/examples/wikiwars "$BENCH/text" --throughput "${1:-20}"
