#!/usr/bin/env bash
# Fuzzes VietQR reading with libFuzzer for SECONDS (default 60), through scripts/fuzz.sh.
#
#     scripts/fuzz-vietqr.sh 600            # ten minutes
#     scripts/fuzz-vietqr.sh --build-only   # build, and run the corpus once
#
# An input is a payload without its CRC field (the target appends it). New interesting inputs are merged back into
# Fixtures/fuzz/vietqr/, which the test suite replays; scripts/make-vietqr-fuzz-seeds.sh made the first ones.
set -euo pipefail
FUZZ_TARGET=VietQRFuzz FUZZ_CORPUS=Fixtures/fuzz/vietqr FUZZ_DICT=Fixtures/fuzz/vietqr.dict \
    exec bash "$(dirname "$0")/fuzz.sh" "$@"
