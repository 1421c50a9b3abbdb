#!/usr/bin/env python3
"""Decode rate per fixture category: raw zbar, zbarimg, our pipeline and zxing-cpp, side by side.

Usage: scripts/measure-decode-rates.py [--villageqr PATH] [--markdown OUT.md] [Fixtures/photos]

An image counts as decoded when every code its manifest lists comes back with exactly that text. "raw zbar" is one
libzbar pass over the full decoded pixels (`villageqr scan --once`); "zbarimg" is zbar's own command-line tool;
"pipeline" is `villageqr scan`; zxing-cpp comes from PyPI (pip install zxing-cpp Pillow).
"""
import argparse
import base64
import collections
import json
import os
import subprocess
import sys


def villageqr_results(binary, files, once):
    args = [binary, "scan", "--json"] + (["--once"] if once else []) + files
    out = subprocess.run(args, capture_output=True, check=False).stdout.decode()
    found = {}
    for line in out.splitlines():
        obj = json.loads(line)
        found[obj["image"]] = [base64.b64decode(c["bytesBase64"]).decode("utf-8", "replace") for c in obj["codes"]]
    return found


def zbarimg_results(path):
    run = subprocess.run(
        ["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", path],
        capture_output=True, check=False,
    )
    return run.stdout.decode("utf-8", "replace").split("\n")


def zxing_results(path):
    import zxingcpp
    from PIL import Image, ImageOps

    image = ImageOps.exif_transpose(Image.open(path))
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default="Fixtures/photos")
    parser.add_argument("--villageqr")
    parser.add_argument("--markdown")
    options = parser.parse_args()
    binary = options.villageqr
    if binary is None:
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "villageqr-path.sh")
        binary = subprocess.run([script], capture_output=True, check=True).stdout.decode().strip()

    expected = collections.OrderedDict()
    category = {}
    with open(os.path.join(options.folder, "manifest.tsv"), encoding="utf-8") as manifest:
        next(manifest)
        for line in manifest:
            name, kind, text = line.rstrip("\n").split("\t", 2)
            expected.setdefault(name, []).append(text)
            category[name] = kind
    paths = [os.path.join(options.folder, name) for name in expected]

    readers = {
        "raw zbar": villageqr_results(binary, paths, once=True),
        "zbarimg": {p: zbarimg_results(p) for p in paths},
        "our pipeline": villageqr_results(binary, paths, once=False),
        "zxing-cpp": {p: zxing_results(p) for p in paths},
    }
    totals = collections.OrderedDict()
    for name, path in zip(expected, paths):
        row = totals.setdefault(category[name], collections.Counter())
        row["images"] += 1
        for reader, results in readers.items():
            if all(text in results.get(path, []) for text in expected[name]):
                row[reader] += 1
    grand = collections.Counter()
    for row in totals.values():
        grand.update(row)
    totals["all"] = grand

    lines = ["| category | images | " + " | ".join(readers) + " |", "|---|---:|" + "---:|" * len(readers)]
    for kind, row in totals.items():
        cells = [f"{row[r]} ({100 * row[r] / row['images']:.0f}%)" for r in readers]
        lines.append(f"| {kind} | {row['images']} | " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    print(table)
    if options.markdown:
        with open(options.markdown, "w", encoding="utf-8") as out:
            out.write(table + "\n")


if __name__ == "__main__":
    sys.exit(main())
