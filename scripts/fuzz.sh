#!/usr/bin/env bash
# Fuzzes the EMVQR parser with libFuzzer for SECONDS (default 60), starting from the fixture corpus.
#
#     scripts/fuzz.sh 600            # ten minutes
#     scripts/fuzz.sh --build-only   # what CI does: build, and run the corpus once
#
# New interesting inputs are merged back into Fixtures/fuzz/emvqr/, which the test suite replays.
set -euo pipefail
cd "$(dirname "$0")/.."

# FUZZ_TARGET, FUZZ_CORPUS and FUZZ_DICT pick another target (scripts/fuzz-provenance.sh sets them); FUZZ_MAX_LEN
# the longest input.
product="${FUZZ_TARGET:-EMVQRFuzz}"
dict=()
if [ -n "${FUZZ_DICT:-}" ]; then dict=(-dict="$FUZZ_DICT"); fi

# The coverage kinds are spelled out: left to -sanitize=fuzzer, an incremental rebuild can drop them.
swift build --package-path Tests/Fuzz -c debug --product "$product" \
    --sanitize=fuzzer --sanitize=address --disable-dead-strip \
    -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp >/dev/null
# (Asking `swift build --show-bin-path` here would re-plan the build without the fuzzer's coverage.)
bin=Tests/Fuzz/.build/debug/$product
corpus="${FUZZ_CORPUS:-Fixtures/fuzz/emvqr}"
export SWIFT_BACKTRACE=enable=no

if [ "${1:-}" = "--build-only" ]; then
    out="$("$bin" -runs=0 "$corpus" 2>&1)" || { echo "$out"; exit 1; }
    # An uninstrumented build would run the corpus and find nothing: insist on coverage.
    echo "$out" | grep -q "DONE   cov: [1-9]" || { echo "$out"; echo "fuzz: the build has no coverage" >&2; exit 1; }
    echo "$out" | tail -2
    exit 0
fi

seconds="${1:-60}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-2100}" -timeout=5 -print_final_stats=1 ${dict[@]+"${dict[@]}"} \
    -artifact_prefix=./ "$work" "$corpus"
# Keep what the run found interesting, minimised, beside the existing corpus.
"$bin" -merge=1 "$corpus" "$work" >/dev/null 2>&1
echo "fuzz: $(ls "$corpus" | wc -l) inputs in $corpus"
