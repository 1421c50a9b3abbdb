#!/usr/bin/env bash
# The main job, as a new user's first taste: a shop's VietQR payment code, printed as a PNG, scanned back and
# decoded. Installs what is missing first. Each run writes into a new folder under demo-output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
binary="$(bash scripts/villageqr-path.sh)"
villageqr() { "$binary" "$@"; }

out="demo-output/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"

echo "== A shop's counter code: Vietcombank account 0011001234567, 50.000 ₫ for vegetables"
payload="$(villageqr pay --bank VCB --account 0011001234567 --amount 50000 --purpose "Mua rau cải" \
    --merchant-name "Cửa hàng Thôn 9" --city "Hà Tĩnh" --mcc 5411 --service push -o "$out/shop.png")"
echo "$payload"

echo
echo "== The image, scanned back"
villageqr scan "$out/shop.png"

echo
echo "== The same code in the terminal"
villageqr render "$payload" --terminal
echo "Files are in $out/"

echo
echo "== A household's sticker, checked the way a buyer's phone does: the link opens the verifier page"
keys="$out/keys"
mkdir -p "$keys"
villageqr household keygen --key-id 18223.1 --owner "UBND xã Kim Hoa (18223)" --from 2026-01-01 \
    --until 2030-12-31 --out-dir "$keys" > "$out/trust.json"
base="https://xa-kim-hoa.gov.vn/nguon-goc"
if villageqr household issue --help | grep -q -- "--link"; then
    link="$(villageqr household issue Fixtures/Provenance/record-typical.json --key "$keys/18223.1.pem" \
        --key-id 18223.1 --link "$base" -o "$out/household.png")"
else
    # Until issue writes links itself: the code's bytes, each outside A-Z a-z 0-9 - . _ ~ as %XX.
    code="$(villageqr household issue Fixtures/Provenance/record-typical.json --key "$keys/18223.1.pem" \
        --key-id 18223.1 -o "$out/household.png")"
    link="$base#$(printf '%s' "$code" | python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.buffer.read(), safe="-._~"))')"
fi
echo "$link"
villageqr household site --trust "$out/trust.json" -o "$out/site"
echo "-- the page, in headless Chromium from a server on 127.0.0.1:"
python3 scripts/check-verifier-page.py --open "$link" --site "$out/site"
echo "The site is in $out/site/: serve it over https, or open index.html from a USB stick."
