#!/usr/bin/env bash
# Installs what VillageQR needs that a fresh Debian 12 machine with the Swift toolchain lacks.
# Safe to run again: it installs only what is missing. As root it uses apt-get; otherwise it names
# the packages to install and stops.
set -euo pipefail

# Debian packages the build, the tests and the checks need. Add new ones here.
APT_PACKAGES=(
    pkg-config
    # QRImaging: encode, PNG, JPEG, scan, WebP.
    libqrencode-dev
    libpng-dev
    libturbojpeg0-dev
    libzbar-dev
    libwebp-dev
    # The imaging peer check and the photo fixture script.
    zbar-tools
    imagemagick
    # Provenance: the openssl key interop tests (openssl genpkey / pkeyutl).
    openssl
    # QRPrint and the CLI: the printables tests render sticker sheets and counter cards with rsvg-convert, in a
    # font that has every Vietnamese letter.
    librsvg2-bin
    fonts-dejavu-core
    # FileIO: writing to a FAT file system, which has no hard links: an image made with mkfs.vfat and mounted
    # through FUSE, so that neither a kernel FAT driver nor a loop device is needed.
    dosfstools
    fusefat
    # The verifier page's browser tests (scripts/check-verifier-page.py): headless Chromium.
    chromium
    # The benchmarks' instruction counts (scripts/instruction-counts.sh): callgrind, and strip from binutils.
    valgrind
    binutils
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "bootstrap: installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "bootstrap: installing ${missing[*]} with sudo"
        sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "bootstrap: these Debian packages are missing: ${missing[*]}" >&2
        echo "bootstrap: install them as root: apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi

command -v swift >/dev/null 2>&1 || {
    echo "bootstrap: no 'swift' on PATH; install the Swift 6.1+ toolchain first (https://swift.org/install)" >&2
    exit 1
}
