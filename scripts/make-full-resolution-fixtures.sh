#!/usr/bin/env bash
# Builds Tests/QRImagingTests/Fixtures/full-resolution/: JPEGs larger than the scanner's working size (1200 px) whose
# code, at 2 pixels per module, is readable only at full resolution. One is 2400 px wide, so libjpeg-turbo's 1/2 DCT
# scaling lands exactly on the working size; one is 1800 px wide, decoded at full size and shrunk to the working size.
# With ImageMagick. manifest.tsv gives each file's size and the code's text.
#
# Usage: scripts/make-full-resolution-fixtures.sh [VILLAGEQR_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
villageqr=${1:-$(scripts/villageqr-path.sh)}
command -v convert >/dev/null || { echo "needs ImageMagick's convert (apt-get install imagemagick)" >&2; exit 1; }
out=Tests/QRImagingTests/Fixtures/full-resolution
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/*
text="https://example.vn/p/7f3a9c"
"$villageqr" render "$text" -o "$work/code.png" --scale 2 --bit-depth 8 >/dev/null
printf 'file\twidth\theight\ttext\n' > "$out/manifest.tsv"
for width in 2400 1800; do
    height=$((width * 3 / 4))
    convert -size "${width}x${height}" xc:white "$work/code.png" -gravity center -composite -quality 92 \
        "$out/jpeg-$width.jpg"
    printf '%s\t%s\t%s\t%s\n' "jpeg-$width.jpg" "$width" "$height" "$text" >> "$out/manifest.tsv"
done
echo "wrote $(($(wc -l < "$out/manifest.tsv") - 1)) files; $(du -sh "$out" | cut -f1)"
