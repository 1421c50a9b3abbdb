#!/usr/bin/env bash
# Fuzzes the household-code parser with libFuzzer for SECONDS (default 60), as scripts/fuzz.sh does for EMVQR.
#
#     scripts/fuzz-provenance.sh 600            # ten minutes
#     scripts/fuzz-provenance.sh --build-only   # build, and run the corpus once
#
# New interesting inputs are merged back into Fixtures/fuzz/provenance/.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --package-path Fuzz -c debug --product ProvenanceFuzz \
    --sanitize=fuzzer --sanitize=address --disable-dead-strip >/dev/null
bin=Fuzz/.build/debug/ProvenanceFuzz
corpus=Fixtures/fuzz/provenance
export SWIFT_BACKTRACE=enable=no

if [ "${1:-}" = "--build-only" ]; then
    "$bin" -runs=0 "$corpus"
    exit 0
fi

seconds="${1:-60}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" -max_total_time="$seconds" -max_len=2100 -timeout=5 -print_final_stats=1 \
    -dict=Fixtures/fuzz/provenance.dict -artifact_prefix=./ "$work" "$corpus"
"$bin" -merge=1 "$corpus" "$work" >/dev/null 2>&1
echo "fuzz: $(ls "$corpus" | wc -l) inputs in $corpus"
