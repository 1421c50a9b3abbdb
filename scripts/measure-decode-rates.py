#!/usr/bin/env python3
"""Decode rate and CPU per image, per fixture category: raw zbar, zbarimg, our pipeline and zxing-cpp, side by side.

Usage: scripts/measure-decode-rates.py [--villageqr PATH] [--markdown OUT.md]
       scripts/measure-decode-rates.py --list     # the fixtures as JSON Lines: path, category, expected (base64)
       scripts/measure-decode-rates.py --zxing    # zxing-cpp alone, JSON Lines: path, category, read, cpu (s)

`imaging-bench` reads the fixture list and zxing-cpp's results from the last two, so both tools measure one set.

The categories are those of Fixtures/photos/manifest.tsv and Fixtures/dense-photos/manifest.tsv (file, category,
text), plus:
- the charset fixtures (Tests/QRImagingTests/Fixtures/charsets): "shift_jis", "latin1", "utf8", each with and without ECI;
- the structured-append fixtures ("structured-append"): the expected bytes are the parts' data in order;
- "time-budget" (Fixtures/scan-budget): photos on which no reader finds a code; the right outcome is no code, within
  the budget.

An image counts as read when every code its manifest lists comes back with exactly that text (for structured append,
exactly those bytes). "raw zbar" is one libzbar pass over the full decoded pixels (`villageqr scan --once`); "zbarimg"
is zbar's own command-line tool; "pipeline" is `villageqr scan`; zxing-cpp comes from PyPI (pip install -r
scripts/imaging-requirements.txt).

Without --villageqr it builds and measures the release CLI as the README builds it (`swift build -c release
--static-swift-stdlib`).

CPU per image: villageqr and zbarimg run one process per image, and their user + system CPU time (process start
included) is taken from the kernel; zxing-cpp is timed in this process around the image load and the read, with
time.process_time().
"""
import argparse
import base64
import collections
import json
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def child_cpu(args):
    """Runs args; returns (stdout bytes, CPU seconds it used)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(args, capture_output=True, check=False).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return out, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def villageqr(binary, path, once):
    out, cpu = child_cpu([binary, "scan", "--json"] + (["--once"] if once else []) + [path])
    found = []
    for line in out.decode().splitlines():
        for code in json.loads(line)["codes"]:
            found.append(base64.b64decode(code["bytesBase64"]))
            if code.get("text") is not None:
                found.append(code["text"].encode("utf-8"))
    return found, cpu


def zbarimg(path):
    out, cpu = child_cpu(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", path])
    return out.split(b"\n"), cpu


def zxing(path):
    import zxingcpp
    from PIL import Image, ImageOps

    start = time.process_time()
    image = ImageOps.exif_transpose(Image.open(path))
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    cpu = time.process_time() - start
    found = []
    for result in results:
        found.append(result.bytes)
        found.append(result.text.encode("utf-8"))
    return found, cpu


def fixtures():
    """(path, category, [expected bytes]) for every image; an empty list expects no code."""
    images = collections.OrderedDict()
    for folder in ("photos", "dense-photos"):
        photos = os.path.join(ROOT, "Fixtures", folder)
        with open(os.path.join(photos, "manifest.tsv"), encoding="utf-8") as manifest:
            next(manifest)
            for line in manifest:
                name, kind, text = line.rstrip("\n").split("\t", 2)
                entry = images.setdefault(os.path.join(photos, name), [kind, []])
                entry[1].append(text.encode("utf-8"))
    charsets = os.path.join(ROOT, "Tests", "QRImagingTests", "Fixtures", "charsets")
    names = {"Shift_JIS": "shift_jis", "ISO-8859-1": "latin1", "UTF-8": "utf8"}
    with open(os.path.join(charsets, "manifest.tsv"), encoding="utf-8") as manifest:
        next(manifest)
        for line in manifest:
            name, encoding, eci, text = line.rstrip("\n").split("\t", 3)
            kind = names[encoding] + (" eci" if eci == "yes" else " no-eci")
            images[os.path.join(charsets, name)] = [kind, [text.encode("utf-8")]]
    appended = os.path.join(ROOT, "Tests", "QRImagingTests", "Fixtures", "structured-append")
    with open(os.path.join(appended, "manifest.tsv"), encoding="utf-8") as manifest:
        next(manifest)
        for line in manifest:
            name, _, _, text = line.rstrip("\n").split("\t", 3)
            images[os.path.join(appended, name)] = ["structured-append", [text.encode("utf-8")]]
    budget = os.path.join(ROOT, "Fixtures", "scan-budget")
    for name in sorted(os.listdir(budget)):
        if name.endswith(".jpg"):
            images[os.path.join(budget, name)] = ["time-budget", []]
    return images


def judged(run, path, expected):
    """(whether `run` read every expected code, or for no expected code found none; its CPU seconds)."""
    found, seconds = run(path)
    return (all(e in found for e in expected) if expected else not any(found)), seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--villageqr")
    parser.add_argument("--markdown")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--zxing", action="store_true")
    options = parser.parse_args()
    if options.list or options.zxing:
        for path, (kind, expected) in fixtures().items():
            line = {"path": os.path.abspath(path), "category": kind,
                    "expected": [base64.b64encode(e).decode() for e in expected]}
            if options.zxing:
                line["read"], line["cpu"] = judged(zxing, path, expected)
            print(json.dumps(line), flush=True)
        return 0
    binary = options.villageqr
    if binary is None:
        # The release CLI as the README builds it, with the Swift runtime and Foundation linked in.
        build = ["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "villageqr"]
        subprocess.run(build, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
        path = subprocess.run(build[:-2] + ["--show-bin-path"], cwd=ROOT, capture_output=True, check=True)
        binary = os.path.join(path.stdout.decode().strip(), "villageqr")

    readers = collections.OrderedDict([
        ("raw zbar", lambda p: villageqr(binary, p, once=True)),
        ("zbarimg", zbarimg),
        ("our pipeline", lambda p: villageqr(binary, p, once=False)),
        ("zxing-cpp", zxing),
    ])
    read = collections.defaultdict(collections.Counter)
    count = collections.Counter()
    cpu = collections.defaultdict(lambda: collections.defaultdict(list))
    for path, (kind, expected) in fixtures().items():
        count[kind] += 1
        count["all"] += 1
        for reader, run in readers.items():
            ok, seconds = judged(run, path, expected)
            for key in (kind, "all"):
                read[key][reader] += ok
                cpu[key][reader].append(seconds)

    def p90(values):
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]

    lines = [
        "| category | images | " + " | ".join(readers) + " |",
        "|---|---:|" + "---:|" * len(readers),
    ]
    order = [k for k in count if k != "all"] + ["all"]
    for kind in order:
        cells = [f"{read[kind][r]}" for r in readers]
        lines.append(f"| {kind} | {count[kind]} | " + " | ".join(cells) + " |")
    lines += ["", "CPU per image, median / 90th percentile, ms:", "",
              "| category | " + " | ".join(readers) + " |", "|---|" + "---:|" * len(readers)]
    for kind in order:
        cells = [f"{1000 * statistics.median(cpu[kind][r]):.0f} / {1000 * p90(cpu[kind][r]):.0f}" for r in readers]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    print(table)
    if options.markdown:
        with open(options.markdown, "w", encoding="utf-8") as out:
            out.write(table + "\n")


if __name__ == "__main__":
    sys.exit(main())
