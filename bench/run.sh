#!/usr/bin/env bash
# The benchmark of issue 7 in one command, from a fresh clone: `bench/run.sh` (~100 MB
# corpus), `bench/run.sh --scale 1g` (the issue's 1 GB corpus), `bench/run.sh --help`.
# Needs cargo and python3; installs ripgrep and GNU time with apt-get when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 bench/run.py "$@"
