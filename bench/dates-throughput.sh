#!/bin/sh
# Measures date-extraction throughput (MB/s of normalised text, one thread): the WikiWars
# texts (about 0.4 MB, 11 long articles) are read and normalised once, then extract_dates
# runs over all of them ROUNDS times.
# Usage: bench/dates-throughput.sh [ROUNDS [BEFORE_BIN [RUNS]]]
#   BEFORE_BIN: another build of examples/timex_bench (e.g. one built from main); the two are
#   then run alternately RUNS times (default 3) under the same load, with user CPU seconds and
#   the load average printed, so that a before/after comparison shares the machine's state.
# PROFILE=dev uses the debug build (opt-level 1) when a release build is too slow to make.
set -eu
cd "$(dirname "$0")/.."
BENCH=${WIKIWARS:-../shared/benchmarks/wikiwars}
PROFILE=${PROFILE:-release}
if [ "$PROFILE" = release ]; then
    cargo build --release --quiet --example timex_bench
    BIN=target/release/examples/timex_bench
else
    cargo build --quiet --example timex_bench
    BIN=target/debug/examples/timex_bench
fi
run() {
    start=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "user %U s" "$1" "$BENCH/text" --dct 2009-12-19 --throughput "${ROUNDS}" 2>&1 | tr '\n' ' '
    echo "load $start"
}
ROUNDS=${1:-20}
if [ -z "${2:-}" ]; then
    run "$BIN"
    exit 0
fi
i=0
while [ "$i" -lt "${3:-3}" ]; do
    printf 'before: '; run "$2"
    printf 'after:  '; run "$BIN"
    i=$((i + 1))
done
