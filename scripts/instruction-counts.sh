#!/usr/bin/env bash
# Instruction counts per parse, from valgrind's callgrind: the stable figure beside bench's CPU times, which swing on
# a shared machine. Each count is (a run of N parses - a run of none) / N, so start-up costs cancel.
#
#     swift build -c release --package-path Benchmarks -Xswiftc -warnings-as-errors
#     bash scripts/instruction-counts.sh            # N = 10000
#
# Prints `NAME VALUE UNIT` lines, as bench does:
#     callgrind.payload.P121      an owning EMVPayload through EMVReader (bench cg)
#     callgrind.table.P121        a reused EMVFieldTable (bench cg-table)
#     callgrind.vietqr.P121       the typed VietQRPayload read, EMVQR's parse included (bench cg-vietqr)
#     callgrind.payment.P121      the same with the typed VietQRPayment built (bench cg-payment)
#     callgrind.ref_full.P121     the C yardstick emv_parse_full; callgrind.ref_floor.P121, emv_parse
#     ratio.callgrind_payload_over_full.P121, ratio.callgrind_table_over_full.P121,
#     ratio.callgrind_vietqr_over_payload.P121
# The C lines need ../shared/bench beside the repository; without it they are left out, and the script says so.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-10000}"
bench=Benchmarks/.build/release/bench
reference=../shared/bench
if [ ! -x "$bench" ]; then
    echo "build the benchmarks first: swift build -c release --package-path Benchmarks -Xswiftc -warnings-as-errors" >&2
    exit 1
fi
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF 5 the Swift toolchain writes; the symbols it needs survive `strip -g`.
cp "$bench" "$work/bench"
strip -g "$work/bench"

# Instructions of one run: `collected COMMAND...`.
collected() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
# Instructions per iteration: `per_parse COMMAND-WITH-N-AS-{}...`.
per_parse() {
    local none many
    none="$(collected "${@//\{\}/0}")"
    many="$(collected "${@//\{\}/$n}")"
    echo $(((many - none) / n))
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

have_reference=false
if [ -d "$reference/reference-c" ]; then
    gcc -O2 -std=c11 -o "$work/emvref" "$reference"/reference-c/*.c
    have_reference=true
else
    echo "note: $reference is absent: the C yardstick's counts and the ratios are left out" >&2
fi

index=0
for name in P121 P220 P397; do
    payload="$(per_parse "$work/bench" cg "$name" '{}')"
    table="$(per_parse "$work/bench" cg-table "$name" '{}')"
    echo "callgrind.payload.$name $payload instructions"
    echo "callgrind.table.$name $table instructions"
    # Only P121 and P220 are VietQR payments.
    if [ "$name" != P397 ]; then
        vietqr="$(per_parse "$work/bench" cg-vietqr "$name" '{}')"
        payment="$(per_parse "$work/bench" cg-payment "$name" '{}')"
        echo "callgrind.vietqr.$name $vietqr instructions"
        echo "callgrind.payment.$name $payment instructions"
        echo "ratio.callgrind_vietqr_over_payload.$name $(ratio "$vietqr" "$payload") x"
    fi
    if $have_reference; then
        full="$(per_parse "$work/emvref" cg "$reference/payloads.txt" "$index" '{}' full)"
        floor="$(per_parse "$work/emvref" cg "$reference/payloads.txt" "$index" '{}' best)"
        echo "callgrind.ref_full.$name $full instructions"
        echo "callgrind.ref_floor.$name $floor instructions"
        echo "ratio.callgrind_payload_over_full.$name $(ratio "$payload" "$full") x"
        echo "ratio.callgrind_table_over_full.$name $(ratio "$table" "$full") x"
    fi
    index=$((index + 1))
done
