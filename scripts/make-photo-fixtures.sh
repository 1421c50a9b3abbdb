#!/usr/bin/env bash
# Builds the photo-like QR fixtures in Fixtures/photos/ from codes rendered by our own CLI, with ImageMagick
# (Debian's imagemagick): perspective, rotation, blur, noise, glare, low contrast, JPEG quality 40-90, tiny codes,
# codes filling the frame, 12-megapixel canvases and several codes per image. Deterministic: every random effect
# is seeded, so running it again gives the same pictures.
#
# Usage: scripts/make-photo-fixtures.sh [VILLAGEQR_BINARY]
# Writes Fixtures/photos/*.jpg (and a few .webp/.png) and Fixtures/photos/manifest.tsv:
#   file <TAB> category <TAB> exact text of one code     (one line per code; a file with 3 codes has 3 lines)
set -euo pipefail
cd "$(dirname "$0")/.."
villageqr=${1:-$(scripts/villageqr-path.sh)}
command -v convert >/dev/null || { echo "needs ImageMagick's convert (apt-get install imagemagick)" >&2; exit 1; }

out=Fixtures/photos
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$out"/*.jpg "$out"/*.webp "$out"/*.png "$out"/manifest.tsv
printf 'file\tcategory\ttext\n' > "$out/manifest.tsv"

texts=(
    "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA53037045405500005802VN62140810Thanh toan6304AE7E"
    "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA52045812530370454061500005802VN5919NGUYEN VAN A COFFEE6011HO CHI MINH62660116INV20240601-00420308STORE-170708TERM-0030818Thanh toan hoa don63041496"
    "Hộ gia đình Nguyễn Văn Ánh - thôn Đông, xã Hòa Bình"
    "HH-0042-2025 GAO ST25 5KG"
    "https://example.vn/p/7f3a9c"
    "Gạo ST25 · 5 kg · vụ Đông Xuân 2025 · mã hộ 00123"
)
n=0
next_text() { text=${texts[$((n % ${#texts[@]}))]}; n=$((n + 1)); }

# render NAME TEXT SCALE [render options...]: a clean code PNG in $work.
render() {
    local name=$1 text=$2 scale=$3
    shift 3
    "$villageqr" render "$text" -o "$work/$name.png" --scale "$scale" --force "$@" >/dev/null
}

# photo FILE CATEGORY W H CODE_EFFECTS SCENE_EFFECTS QUALITY: composes $work/code.png on a paper-like background.
photo() {
    local file=$1 category=$2 w=$3 h=$4 code_fx=$5 scene_fx=$6 quality=$7
    # shellcheck disable=SC2086
    convert -seed "$n" -size "${w}x${h}" gradient:'#e4ddd0'-'#9c9486' \
        \( "$work/code.png" -alpha set -background none $code_fx \) -gravity center -composite \
        $scene_fx -quality "$quality" "$out/$file"
    printf '%s\t%s\t%s\n' "$file" "$category" "$text" >> "$out/manifest.tsv"
}

mild='-attenuate 0.4 +noise Gaussian -blur 0x0.6'

for i in 0 1 2 3 4 5 6 7; do
    next_text; render code "$text" $((4 + i % 3))
    d=$((20 + i * 12))
    w=$(identify -format %w "$work/code.png")
    convert -seed "$n" -size 900x700 gradient:'#e4ddd0'-'#9c9486' \
        \( "$work/code.png" -alpha set -virtual-pixel transparent -background none \
           +distort Perspective "0,0 $d,0  $w,0 $((w - d / 3)),$((d / 2))  $w,$w $((w - d / 2)),$((w - d))  0,$w 0,$w" \) \
        -gravity center -composite $mild -quality 85 "$out/perspective-$i.jpg"
    printf '%s\t%s\t%s\n' "perspective-$i.jpg" perspective "$text" >> "$out/manifest.tsv"
done

for i in 0 1 2 3 4 5 6 7; do
    next_text; render code "$text" $((4 + i % 3))
    photo "rotation-$i.jpg" rotation 900 700 "-rotate $((7 + i * 23))" "$mild" 85
done

for i in 0 1 2 3 4 5 6 7; do
    next_text; render code "$text" 6
    photo "blur-$i.jpg" blur 900 700 "" "-blur 0x$((1 + i / 2)).$((i % 2 * 5))" 85
done

for i in 0 1 2 3 4 5 6 7; do
    next_text; render code "$text" 5
    photo "noise-$i.jpg" noise 900 700 "" "-attenuate $((2 + i)).$((i % 2 * 5)) +noise Gaussian" 85
done

for i in 0 1 2 3 4 5 6 7; do
    next_text; render code "$text" 6
    # A light source reflected off glossy packaging: a radial spot added with "screen", washing out the centre.
    r=$((60 + i * 12))
    convert -seed "$n" -size 900x700 gradient:'#e4ddd0'-'#9c9486' "$work/code.png" -gravity center -composite \
        \( -size $((2 * r))x$((2 * r)) radial-gradient:"gray($((72 + i * 4))%)"-black \) \
        -gravity center -geometry +$((i * 12 - 40))+$((25 - i * 8)) -compose screen -composite \
        $mild -quality 85 "$out/glare-$i.jpg"
    printf '%s\t%s\t%s\n' "glare-$i.jpg" glare "$text" >> "$out/manifest.tsv"
done

for i in 0 1 2 3 4 5 6 7; do
    next_text
    low=$((22 + i * 3)); high=$((78 - i * 3))
    render code "$text" 5
    photo "lowcontrast-$i.jpg" lowcontrast 900 700 "+level $low%,$high%" "$mild" 85
done

for i in 0 1 2 3 4 5 6 7; do
    next_text; render code "$text" 4
    photo "jpeg-$i.jpg" jpeg 900 700 "-rotate $((i * 5))" "$mild" $((40 + i * 7))
done

for i in 0 1 2 3 4 5 6 7; do
    next_text; render code "$text" $((1 + i % 3))
    photo "tiny-$i.jpg" tiny 1024 768 "-resize $((70 + i * 10))%" "$mild" 88
done

for i in 0 1 2 3 4 5 6 7; do
    next_text; render code "$text" 20 --margin 1
    photo "fill-$i.jpg" fill 1000 1000 "-resize $((980 - i * 20))x -rotate $((i * 2))" "$mild" 85
done

for i in 0 1 2 3 4 5; do
    next_text; first=$text; render a "$text" 4
    next_text; second=$text; render b "$text" 5
    next_text; third=$text; render c "$text" 4
    convert -seed "$n" -size 1200x800 gradient:'#e4ddd0'-'#9c9486' \
        \( "$work/a.png" -alpha set -background none -rotate $((i * 9)) \) -gravity northwest -geometry +40+60 -composite \
        \( "$work/b.png" -alpha set -background none -rotate $((-i * 7)) \) -gravity northeast -geometry +50+40 -composite \
        \( "$work/c.png" -alpha set -background none -rotate $((i * 4)) \) -gravity south -geometry +0+40 -composite \
        $mild -quality 85 "$out/multi-$i.jpg"
    for t in "$first" "$second" "$third"; do printf '%s\t%s\t%s\n' "multi-$i.jpg" multi "$t" >> "$out/manifest.tsv"; done
done

# 12-megapixel phone frames: a code of moderate size, a close-up filling the frame, and a small code far away.
for spec in "0 14 -rotate_9" "1 70 -rotate_4" "2 5 -rotate_-12"; do
    read -r i scale fx <<<"$spec"
    next_text; render code "$text" "$scale"
    photo "12mp-$i.jpg" 12mp 4000 3000 "${fx//_/ } -resize 2900x2900>" "-attenuate 0.25 +noise Gaussian -blur 0x1.2" 82
done

# Chat-app forwards: WebP.
for i in 0 1; do
    next_text; render code "$text" 5
    photo "webp-$i.webp" webp 900 700 "-rotate $((10 + i * 30))" "$mild" 80
done
# Dense codes, versions 20-40, sharp, at 4-6 px a module ("dense") and at 3 ("dense3"), slightly turned on a
# phone-sized frame.
long="Hộ gia đình Nguyễn Văn Ánh, thôn Đông, xã Hòa Bình, huyện Ứng Hòa, Hà Nội · mã hộ 18223-0042 · $(printf 'GAO ST25 5KG %02d · ' $(seq 1 12))"
for spec in "0 20 4" "1 24 4" "2 28 5" "3 32 5" "4 36 6" "5 40 4" "6 25 6" "7 30 4"; do
    read -r i version scale <<<"$spec"
    text="$long$i"; n=$((n + 1))
    render code "$text" "$scale" --min-version "$version" --max-version "$version" --ecc L
    photo "dense-$i.jpg" dense 1600 1200 "-rotate $((i * 3 - 9))" "-attenuate 0.3 +noise Gaussian -blur 0x0.4" 90
done
for spec in "0 20" "1 25" "2 30" "3 40"; do
    read -r i version <<<"$spec"
    text="$long$i"; n=$((n + 1))
    render code "$text" 3 --min-version "$version" --max-version "$version" --ecc L
    photo "dense3-$i.jpg" dense3 1600 1200 "-rotate $((i * 4 - 6))" "-attenuate 0.3 +noise Gaussian -blur 0x0.4" 90
done
echo "wrote $(($(wc -l < "$out/manifest.tsv") - 1)) codes in $(ls "$out" | grep -vc manifest) images; $(du -sh "$out" | cut -f1)"
