#!/usr/bin/env bash
# Makes photo-18223-0042.jpg: the signed code of record-18223-0042.json, printed on a sticker, as a phone might
# photograph it: rotated, off-centre on a grey table, slightly blurred, noisy and JPEG-compressed.
# Needs a built villageqr and ImageMagick (scripts/bootstrap.sh installs it).
#
#     bash Fixtures/Provenance/make-photo.sh [path/to/villageqr]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tool="${1:-$here/../../.build/debug/villageqr}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$tool" household issue "$here/record-18223-0042.json" --key "$here/test-key-18223.1.pem" --key-id 18223.1 \
    -o "$work/code.png" >/dev/null
convert "$work/code.png" -resize 60% -bordercolor '#f4f1e8' -border 40 \
    -background '#8a8a86' -rotate 9 -gravity center -extent 900x760 \
    -blur 0x1.1 -attenuate 0.35 +noise Gaussian -quality 72 "$here/photo-18223-0042.jpg"
echo "wrote $here/photo-18223-0042.jpg"
