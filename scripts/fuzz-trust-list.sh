#!/usr/bin/env bash
# Fuzzes the signed-list parser (the envelope, the trust list and the revocation list) with libFuzzer for SECONDS
# (default 60), through scripts/fuzz.sh.
#
#     scripts/fuzz-trust-list.sh 600            # ten minutes
#     scripts/fuzz-trust-list.sh --build-only   # build, and run the corpus once
#
# New interesting inputs are merged back into Fixtures/fuzz/trust-list/, which the test suite replays.
set -euo pipefail
FUZZ_TARGET=TrustListFuzz FUZZ_CORPUS=Fixtures/fuzz/trust-list FUZZ_DICT=Fixtures/fuzz/trust-list.dict FUZZ_MAX_LEN=4096 \
    exec bash "$(dirname "$0")/fuzz.sh" "$@"
