#!/usr/bin/env bash
# Builds Fixtures/dense-photos/: dense codes (versions 25-40) as a phone photographs them, the case BoofCV's
# high_version photos show: sharp, 4-7 px a module in a 3000-4000 px frame, slightly turned and in mild perspective,
# so that the shrunk working image has under 2 px a module; and two at 3 px a module ("dense-photo3"). Rendered by our
# own CLI and composed with ImageMagick, like scripts/make-photo-fixtures.sh; deterministic (every random effect is
# seeded).
#
# Usage: scripts/make-dense-photo-fixtures.sh [VILLAGEQR_BINARY]
# Writes Fixtures/dense-photos/*.jpg and manifest.tsv (file <TAB> category <TAB> exact text).
set -euo pipefail
cd "$(dirname "$0")/.."
villageqr=${1:-$(scripts/villageqr-path.sh)}
command -v convert >/dev/null || { echo "needs ImageMagick's convert (apt-get install imagemagick)" >&2; exit 1; }

out=Fixtures/dense-photos
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/*.jpg "$out"/manifest.tsv
printf 'file\tcategory\ttext\n' > "$out/manifest.tsv"

long="Hộ gia đình Nguyễn Văn Ánh, thôn Đông, xã Hòa Bình, huyện Ứng Hòa, Hà Nội · mã hộ 18223-0042 · $(printf 'GAO ST25 5KG %02d · ' $(seq 1 12))"
# index, category, version, px a module, frame width and height, turn in degrees
for spec in "0 dense-photo 25 6 4000 3000 -10" "1 dense-photo 30 6 4000 3000 -5" "2 dense-photo 35 7 4000 3000 0" \
    "3 dense-photo 40 6 4000 3000 5" "4 dense-photo 30 4 4000 3000 10" "5 dense-photo 40 4 3000 2250 15" \
    "6 dense-photo3 25 3 3000 2250 -8" "7 dense-photo3 35 3 3000 2250 8"; do
    read -r i category version scale w h turn <<<"$spec"
    text="$long$i"
    "$villageqr" render "$text" -o "$work/code.png" --scale "$scale" --force --min-version "$version" \
        --max-version "$version" --ecc L >/dev/null
    side=$(identify -format %w "$work/code.png")
    d=$((side / 12))
    file="$category-$i.jpg"
    convert -seed "$i" -size "${w}x${h}" gradient:'#e4ddd0'-'#9c9486' \
        \( "$work/code.png" -alpha set -virtual-pixel transparent -background none \
           +distort Perspective "0,0 $d,0  $side,0 $((side - d / 3)),$((d / 2))  $side,$side $((side - d / 2)),$((side - d))  0,$side 0,$side" \
           -rotate "$turn" \) -gravity center -composite -attenuate 0.2 +noise Gaussian -blur 0x0.6 -quality 85 "$out/$file"
    printf '%s\t%s\t%s\n' "$file" "$category" "$text" >> "$out/manifest.tsv"
done
echo "wrote $(($(wc -l < "$out/manifest.tsv") - 1)) images; $(du -sh "$out" | cut -f1)"
