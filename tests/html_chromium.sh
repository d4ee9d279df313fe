#!/usr/bin/env bash
# Checks the HTML report in headless Chromium (see tests/html_chromium.rs).
#
#   tests/html_chromium.sh            run the check; it skips with a note without chromium
#   tests/html_chromium.sh --install  first install Debian's chromium package (needs root)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--install" ]]; then
    if ! command -v chromium >/dev/null 2>&1; then
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
    fi
fi
exec cargo test --test html_chromium -- --nocapture
