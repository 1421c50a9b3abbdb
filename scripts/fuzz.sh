#!/usr/bin/env bash
# Fuzzes VillageQR's parsers with libFuzzer, each from its corpus in Fixtures/fuzz/, for SECONDS (default 60).
#
#     scripts/fuzz.sh emvqr 600            # ten minutes on the EMVQR parser
#     scripts/fuzz.sh provenance 600       # the household-code parser and the link form
#     scripts/fuzz.sh trust-list 600       # the signed-list envelope, trust lists and revocation lists
#     scripts/fuzz.sh vietqr 600           # VietQR reading (an input is a payload without its CRC field)
#     scripts/fuzz.sh image 600            # the scanner, decode and every pass, within its CPU budget
#     scripts/fuzz.sh all 600              # each in turn
#     scripts/fuzz.sh all --build-only     # what CI does: build every target, and run each corpus once
#
# With no target named, the target is emvqr. New interesting inputs are merged back into the target's corpus, which
# the test suite replays through the same checks (Tests/FuzzChecks). A corpus may name, in <corpus>.seeds, fixture
# files that seed it too and are replayed with it (the image target's: the glare repro and the scanner's charset,
# structured-append and dense-photo fixtures). The fuzz targets are a package of their own, Tests/Fuzz, which depends
# on VillageQR by path, so the sanitizers cover the whole build.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each target's product, corpus, dictionary (- for none), longest input while fuzzing and the seconds one input may
# take. An image target's input describes an image of up to 4000x4000 in a few bytes, or is a file (seeds that are
# longer are fuzzed from their first 4 KB, and replayed whole); it may take its budget, 20 times the scanner's default
# in this sanitized build, plus one pass, on a shared machine.
spec() {
    case "$1" in
        emvqr) echo "EMVQRFuzz Fixtures/fuzz/emvqr - 2100 5" ;;
        image) echo "ImageFuzz Fixtures/fuzz/image - 4096 120" ;;
        provenance) echo "ProvenanceFuzz Fixtures/fuzz/provenance Fixtures/fuzz/provenance.dict 2100 5" ;;
        trust-list) echo "TrustListFuzz Fixtures/fuzz/trust-list Fixtures/fuzz/trust-list.dict 4096 5" ;;
        vietqr) echo "VietQRFuzz Fixtures/fuzz/vietqr Fixtures/fuzz/vietqr.dict 2100 5" ;;
        *) return 1 ;;
    esac
}

targets=(emvqr)
if [ "${1:-}" = all ]; then
    targets=(emvqr image provenance trust-list vietqr)
    shift
elif [ $# -gt 0 ] && spec "$1" >/dev/null; then
    targets=("$1")
    shift
fi
mode="${1:-60}"
case "$mode" in
    --build-only | [0-9]*) ;;
    *)
        echo "usage: scripts/fuzz.sh [emvqr|image|provenance|trust-list|vietqr|all] [SECONDS|--build-only]" >&2
        exit 64
        ;;
esac

# One build of every target, whichever are asked for: built alone (`--product`), a target's dependencies lose the
# address sanitizer. The sanitizers are also passed to every Swift compilation, as swift-protobuf and swift-nio-http2
# do, and the coverage kinds are spelled out: left to -sanitize=fuzzer, an incremental rebuild can drop them.
swift build --package-path Tests/Fuzz -c debug \
    --sanitize=fuzzer --sanitize=address --disable-dead-strip -Xswiftc -sanitize=fuzzer,address \
    -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp >/dev/null
# (Asking `swift build --show-bin-path` here would re-plan the build without the fuzzer's coverage.)
export SWIFT_BACKTRACE=enable=no
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

for target in "${targets[@]}"; do
    read -r product corpus dict max_len timeout <<<"$(spec "$target")"
    bin=Tests/Fuzz/.build/debug/$product
    # The fixture files <corpus>.seeds names (a file, or a folder and *.EXTENSION), in a folder of their own.
    seeds=()
    if [ -f "$corpus.seeds" ]; then
        seeds=("$scratch/$target-seeds")
        mkdir "${seeds[0]}"
        # shellcheck disable=SC2046 # each line is a path or a glob, to be expanded
        cp $(grep -v '^#' "$corpus.seeds") "${seeds[0]}"
    fi
    if [ "$mode" = --build-only ]; then
        out="$("$bin" -runs=0 -timeout="$timeout" "$corpus" "${seeds[@]}" 2>&1)" || { echo "$out"; exit 1; }
        # An uninstrumented build would run the corpus and find nothing: insist on coverage.
        echo "$out" | grep -q "DONE   cov: [1-9]" || { echo "$out"; echo "fuzz: $target has no coverage" >&2; exit 1; }
        echo "$target: $(echo "$out" | grep "DONE   cov:")"
        continue
    fi
    options=(-max_total_time="$mode" -max_len="$max_len" -timeout="$timeout" -report_slow_units="$timeout")
    options+=(-print_final_stats=1 -artifact_prefix=./)
    if [ "$dict" != - ]; then options+=(-dict="$dict"); fi
    work="$(mktemp -d)"
    "$bin" "${options[@]}" "$work" "$corpus" "${seeds[@]}" || { rm -rf "$work"; exit 1; }
    # Keep what the run found interesting, minimised, beside the existing corpus.
    "$bin" -merge=1 "$corpus" "$work" >/dev/null 2>&1
    rm -rf "$work"
    echo "fuzz: $(ls "$corpus" | wc -l) inputs in $corpus"
done
