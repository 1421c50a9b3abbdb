#!/usr/bin/env bash
# Seeds the VietQR fuzz corpus, Fixtures/fuzz/vietqr/, from the real payloads in the fixtures: the published and
# invalid vectors and the peers' payloads in Fixtures/VietQR/*.tsv, and the two VietQR benchmark payloads (P121,
# P220) of ../shared/bench/payloads.txt when it is there. Each seed is a payload without its CRC field, the form
# the vietqr fuzz target (scripts/fuzz.sh vietqr) takes, in a file named by the SHA-1 of its bytes as libFuzzer
# names its own.
#
#     scripts/make-vietqr-fuzz-seeds.sh
#
# Existing inputs stay; a seed already there is written again under the same name.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=Fixtures/fuzz/vietqr
bench=../shared/bench/payloads.txt
mkdir -p "$corpus"

payloads() {
    awk -F'\t' '!/^#/ && NF { print $3 }' Fixtures/VietQR/valid.tsv Fixtures/VietQR/invalid.tsv
    awk -F'\t' '!/^#/ && NF { print $2 }' Fixtures/VietQR/peers.tsv
    if [ -f "$bench" ]; then sed -n -e 's/^P121 //p' -e 's/^P220 //p' "$bench"; fi
}

count=0
while IFS= read -r payload; do
    input="$(printf '%s' "$payload" | sed -E 's/6304[0-9A-Fa-f]{4}$//')"
    name="$(printf '%s' "$input" | sha1sum | cut -d' ' -f1)"
    printf '%s' "$input" >"$corpus/$name"
    count=$((count + 1))
done < <(payloads)
echo "seeds: $count payloads, $(ls "$corpus" | wc -l) inputs in $corpus"
