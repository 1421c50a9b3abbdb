#!/usr/bin/env bash
# Builds the villageqr executable (debug) if needed and prints its path; the imaging scripts share it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product villageqr >/dev/null
echo "$(swift build --show-bin-path)/villageqr"
