#!/bin/sh
# Scores concord's claims against the hand-made gold in bench/claims-gold/.
# Usage: bench/claims.sh bundled|wikipedia [score_claims.py flags, e.g. --errors 20 --docs X.md]
# CONCORD=path/to/binary to score a given build (default: cargo build, target/debug/concord).
set -eu
cd "$(dirname "$0")/.."
set_name=${1:?usage: bench/claims.sh bundled|wikipedia [flags]}
shift
if [ -z "${CONCORD:-}" ]; then
  cargo build --quiet
  CONCORD=target/debug/concord
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case "$set_name" in
  bundled) corpus=corpus ;;
  wikipedia)
    corpus="$work/corpus"
    mkdir "$corpus"
    for f in "${WIKIPEDIA:-../shared/benchmarks/wikipedia}"/*.md; do
      [ "$(basename "$f")" = README.md ] || cp "$f" "$corpus/"
    done ;;
  *) echo "unknown set: $set_name (bundled or wikipedia)" >&2; exit 2 ;;
esac
"$CONCORD" -q --corpus "$corpus" --index "$work/index" claims --format json > "$work/claims.jsonl"
python3 bench/score_claims.py --gold "bench/claims-gold/$set_name" "$work/claims.jsonl" "$@"
