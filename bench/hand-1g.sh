#!/usr/bin/env bash
# The 1 GB hand runs quoted in bench/NOTES-perf.md (the full `bench/run.sh --scale 1g` takes
# over an hour on 2 cores): a full build with its memory sampled every 2 s from
# /proc/<pid>/status (heap and file-backed pages apart), the bare tantivy build, `check`
# unchanged / one sheet changed, CLI searches and the unchanged `index`.
#
#   cargo run --release --example gen_corpus -- --out /tmp/c200k --sheets 200000 --size 5000 --seed 7
#   bench/hand-1g.sh /tmp/c200k /tmp/i200k
set -euo pipefail
cd "$(dirname "$0")/.."
C=${1:?corpus dir}; I=${2:?index dir}; B="$I-bare"; MEM="$I.mem"
cargo build --release --bin concord --examples
T=(/usr/bin/time -f "%e s wall, %U s user, %M kB max RSS")
echo "load $(cat /proc/loadavg)"
rm -rf "$I" "$B" "$MEM"
"${T[@]}" target/release/concord -q --corpus "$C" --index "$I" index 2> "$I.build.time" &
sleep 0.5
pid=$(pgrep -n -f "concord -q --corpus $C --index $I index")
while kill -0 "$pid" 2>/dev/null; do
  echo "$(date +%s) $(grep -E 'VmRSS|RssAnon|RssFile' "/proc/$pid/status" 2>/dev/null | tr -s ' \t' ' ' | tr '\n' ' ')" >> "$MEM"
  sleep 2
done
wait
echo "build: $(tail -1 "$I.build.time")"
awk '{ if ($6 > a) a = $6; if ($9 > f) f = $9 } END { printf "sampled max: heap (RssAnon) %d MB, file-backed (RssFile) %d MB\n", a/1024, f/1024 }' "$MEM"
echo "index bytes: $(du -sb "$I/tantivy" | cut -f1)"
echo "bare: $("${T[@]}" target/release/examples/bare_tantivy "$C" "$B" 2>&1 >/dev/null | tail -1), bytes $(du -sb "$B" | cut -f1)"
rm -rf "$B"
run() { "${T[@]}" target/release/concord -q --corpus "$C" --index "$I" "$@" 2>&1 >/dev/null | tail -1; }
# As in bench/run.py: the corpus's findings are accepted once, then the gate runs as CI runs it.
BL="$I.baseline.json"; rm -f "$BL" "$I.none.json"
echo "check --update-baseline: $(run check --baseline "$BL" --update-baseline)"
for i in 1 2 3; do echo "check unchanged $i: $(run check --baseline "$BL")"; done
echo "check unchanged, no baseline: $(run check --baseline "$I.none.json")"
echo "view cache bytes: $(stat -c %s "$I/view.bin")"
V=$(find "$C" -name '*.txt' | sort | sed -n 100000p)
cp "$V" "$V.bak"
echo "The Zürich Security Forum (ZSF) was established on 3 March 2001." >> "$V"
echo "check one changed: $(run check --baseline "$BL")"
mv "$V.bak" "$V"
echo "check restored: $(run check --baseline "$BL")"
echo "search council: $(run search council)"
for i in 1 2; do echo "search --body $i: $(run search meeting --body 'Baltic Planning Group')"; done
echo "index unchanged: $(run index)"
