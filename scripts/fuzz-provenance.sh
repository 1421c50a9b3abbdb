#!/usr/bin/env bash
# Fuzzes the household-code parser with libFuzzer for SECONDS (default 60), through scripts/fuzz.sh.
#
#     scripts/fuzz-provenance.sh 600            # ten minutes
#     scripts/fuzz-provenance.sh --build-only   # build, and run the corpus once
#
# New interesting inputs are merged back into Fixtures/fuzz/provenance/, which the test suite replays.
set -euo pipefail
FUZZ_TARGET=ProvenanceFuzz FUZZ_CORPUS=Fixtures/fuzz/provenance FUZZ_DICT=Fixtures/fuzz/provenance.dict \
    exec bash "$(dirname "$0")/fuzz.sh" "$@"
