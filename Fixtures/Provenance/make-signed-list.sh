#!/usr/bin/env bash
# Makes signed-trust-42.json and signed-revoked-42.json: the test key 18223.1 in a trust list, and one revoked
# household, both signed by the test root test-root-42.pem, with `villageqr trust`. Signatures are randomised, so
# each run gives other bytes; the lists inside are the same. Needs a built villageqr.
#
#     bash Fixtures/Provenance/make-signed-list.sh "$(swift build --show-bin-path)/villageqr"
set -euo pipefail
tool="${1:?the villageqr executable}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/test-root-42.pem" "$work/42.pem"
printf '{"version":1,"root":"42","keys":[]}\n' > "$work/trust.json"
"$tool" trust add --list "$work/trust.json" --key-id 18223.1 --public-key "$here/test-key-18223.1.pub.pem" \
    --owner "UBND xã Kim Hoa (18223)" --scope 18223 --from 2026-01-01 --until 2028-12-31
"$tool" trust sign --list "$work/trust.json" --issued 2026-11-01 --next-update 2026-12-31 \
    -o "$here/signed-trust-42.json" --force
printf '{"version":1,"revoked":[{"householdId":"18223-0099","issuedBefore":"2026-11-15","reason":"lost"}]}\n' \
    > "$work/revoked.json"
"$tool" trust sign --list "$work/trust.json" --revocations "$work/revoked.json" --issued 2026-11-01 \
    --next-update 2026-12-31 -o "$here/signed-revoked-42.json" --force
"$tool" trust show "$here/signed-trust-42.json" --root "$here/test-root-42.pub.pem" --today 2026-11-29
