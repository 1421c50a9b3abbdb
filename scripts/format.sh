#!/usr/bin/env bash
# Formats the Swift sources in place with swift-format (part of the toolchain), then lints them strictly.
#
#     scripts/format.sh          # format, then lint
#     scripts/format.sh --lint   # lint only (what CI runs); exits non-zero on any finding
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(Package.swift Sources Tests Benchmarks/Package.swift Benchmarks/Sources Fuzz/Package.swift Fuzz/Sources/EMVQRFuzz Fuzz/Sources/ProvenanceFuzz)
if [ "${1:-}" != "--lint" ]; then
    swift format format --in-place --recursive --parallel "${paths[@]}"
fi
swift format lint --strict --recursive --parallel "${paths[@]}"
