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
