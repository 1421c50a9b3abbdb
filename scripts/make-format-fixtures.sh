#!/usr/bin/env bash
# Builds Tests/QRImagingTests/Fixtures/formats/: one QR code saved in every PNG colour type and bit depth (16-bit,
# palette, alpha, interlaced), JPEG (colour, gray, progressive, EXIF orientation 6), the six PNM kinds and WebP
# (lossy, lossless, alpha), with ImageMagick. manifest.tsv gives each file's size as a viewer shows it and the text.
#
# Usage: scripts/make-format-fixtures.sh [VILLAGEQR_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
villageqr=${1:-$(scripts/villageqr-path.sh)}
out=Tests/QRImagingTests/Fixtures/formats
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$out"/*
text="Định dạng ảnh: PNG JPEG PNM WebP 0123456789"
"$villageqr" render "$text" -o "$work/code.png" --scale 4 >/dev/null
# A non-square canvas, so that a wrong orientation or a swapped width and height shows.
convert "$work/code.png" -background white -gravity west -extent 200x"$(identify -format %h "$work/code.png")" "$work/wide.png"
printf 'file\twidth\theight\ttext\n' > "$out/manifest.tsv"

# save [CODER:]NAME CONVERT-OPTIONS...: writes $out/NAME from the wide canvas, with ImageMagick's CODER if given,
# and lists it.
save() {
    local spec=$1 name=${1#*:} prefix=
    [ "$spec" != "$name" ] && prefix=${spec%%:*}:
    shift
    convert "$work/wide.png" "$@" -define png:exclude-chunks=date,time "$prefix$out/$name"
    printf '%s\t%s\t%s\t%s\n' "$name" "$(identify -format %w "$work/wide.png")" \
        "$(identify -format %h "$work/wide.png")" "$text" >> "$out/manifest.tsv"
}

save gray1.png -colorspace gray -define png:color-type=0 -define png:bit-depth=1
save gray2.png -colorspace gray -define png:color-type=0 -define png:bit-depth=2
save gray4.png -colorspace gray -define png:color-type=0 -define png:bit-depth=4
save gray8.png -colorspace gray -define png:color-type=0 -define png:bit-depth=8
save gray16.png -colorspace gray -depth 16 -define png:color-type=0 -define png:bit-depth=16
save PNG24:rgb8.png -fill '#203060' -opaque black
save PNG48:rgb16.png -fill '#203060' -opaque black -depth 16
save PNG8:palette.png -fill '#602020' -opaque black
save gray-alpha.png -colorspace gray -transparent white -define png:color-type=4
save PNG32:rgba-transparent.png -transparent white
save PNG64:rgba16.png -transparent white -depth 16
save interlaced.png -interlace PNG
save colour.jpg -fill '#203060' -opaque black -quality 90
save gray.jpg -colorspace gray -quality 90
save progressive.jpg -interlace JPEG -quality 85
save PBM:ascii.pbm -compress none
save PBM:binary.pbm
save PGM:ascii.pgm -compress none
save PGM:binary.pgm
save PGM:binary16.pgm -depth 16
save PPM:ascii.ppm -compress none -fill '#203060' -opaque black
save PPM:binary.ppm -fill '#203060' -opaque black
save lossy.webp -quality 80
save lossless.webp -define webp:lossless=true
save alpha.webp -transparent white -define webp:lossless=true

# EXIF orientation 6 ("rotate 90° clockwise to view"): store the canvas turned counter-clockwise and add the tag.
convert "$work/wide.png" -rotate -90 -quality 90 "$work/turned.jpg"
python3 - "$work/turned.jpg" "$out/exif-orientation-6.jpg" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
# TIFF, big-endian: header, IFD0 with one entry (0x0112 Orientation, SHORT, 1, value 6), no next IFD.
tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0) + b"\0\0\0\0"
app1 = b"Exif\0\0" + tiff
segment = b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1
open(sys.argv[2], "wb").write(data[:2] + segment + data[2:])
PY
printf '%s\t%s\t%s\t%s\n' exif-orientation-6.jpg "$(identify -format %w "$work/wide.png")" \
    "$(identify -format %h "$work/wide.png")" "$text" >> "$out/manifest.tsv"
echo "wrote $(($(wc -l < "$out/manifest.tsv") - 1)) files; $(du -sh "$out" | cut -f1)"
