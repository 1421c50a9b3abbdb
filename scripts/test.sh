#!/usr/bin/env bash
# Installs what is missing, then builds everything with warnings as errors and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
swift build --build-tests -Xswiftc -warnings-as-errors
swift test --skip-build
