#!/usr/bin/env python3
"""Peer check: every PNG `villageqr render` makes is read back exactly by zbarimg and by zxing-cpp.

Usage: scripts/check-imaging-peers.py [--villageqr PATH]
Needs: zbarimg (Debian zbar-tools) and zxing-cpp with Pillow (pip install zxing-cpp Pillow).
Prints one line per failure and a closing "N passed, N failed" line; exits 1 if anything failed, 2 if a peer is
missing.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile

P121 = ("00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA53037045405500005802VN"
        "62140810Thanh toan6304AE7E")
P220 = ("00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA52045812530370454061500005802VN"
        "5919NGUYEN VAN A COFFEE6011HO CHI MINH62660116INV20240601-00420308STORE-170708TERM-0030818Thanh toan hoa don"
        "63041496")


def cases():
    """(name, payload bytes, extra render arguments)."""
    yield "ascii", b"hello world", []
    yield "P121", P121.encode(), []
    yield "P220", P220.encode(), []
    vietnamese = "Thanh toán hoá đơn – Nguyễn Văn Ánh, xã Hòa Bình, tỉnh Hà Tĩnh".encode()
    yield "vietnamese-eci", vietnamese, []
    yield "vietnamese-no-eci", vietnamese, ["--no-eci"]
    for level in "LMQH":
        yield f"ecc-{level}", P121.encode(), ["--ecc", level]
    for version in (1, 2, 5, 10, 20, 27, 40):
        yield f"version-{version}", b"V" + str(version).encode(), ["--min-version", str(version), "--ecc", "L"]
    yield "8-bit", P121.encode(), ["--bit-depth", "8"]
    yield "print-0.5mm-300dpi", P121.encode(), ["--module-mm", "0.5", "--dpi", "300"]
    yield "colours", P121.encode(), ["--foreground", "#1a237e", "--background", "#fffde7"]
    yield "scale-2", P121.encode(), ["--scale", "2"]
    rng = random.Random(121)
    binary = bytes(rng.randrange(256) for _ in range(200))
    yield "binary-stdin", binary.rstrip(b"\n\r"), ["--stdin"]


def zbarimg(path):
    run = subprocess.run(["zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sbinary", path],
                         capture_output=True, check=False)
    return run.stdout[:-1] if run.stdout.endswith(b"\n") else run.stdout


def zxing(path):
    import zxingcpp
    from PIL import Image

    results = zxingcpp.read_barcodes(Image.open(path), formats=zxingcpp.BarcodeFormat.QRCode)
    return results[0].bytes if len(results) == 1 else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--villageqr")
    options = parser.parse_args()
    binary = options.villageqr
    if binary is None:
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "villageqr-path.sh")
        binary = subprocess.run([script], capture_output=True, check=True).stdout.decode().strip()
    if shutil.which("zbarimg") is None:
        print("check-imaging-peers: zbarimg is missing (apt-get install zbar-tools)", file=sys.stderr)
        return 2
    try:
        import zxingcpp  # noqa: F401
        import PIL  # noqa: F401
    except ImportError:
        print("check-imaging-peers: zxing-cpp is missing (pip install zxing-cpp Pillow)", file=sys.stderr)
        return 2

    passed = failed = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, payload, extra in cases():
            out = os.path.join(folder, name + ".png")
            stdin = "--stdin" in extra
            args = [binary, "render", "-" if stdin else payload.decode(), "-o", out]
            args += [a for a in extra if a != "--stdin"]
            run = subprocess.run(args, input=payload if stdin else None, capture_output=True, check=False)
            if run.returncode != 0:
                print(f"FAIL {name}: render exited {run.returncode}: {run.stderr.decode().strip()}")
                failed += 1
                continue
            for peer, read in (("zbarimg", zbarimg), ("zxing-cpp", zxing)):
                got = read(out)
                if got == payload:
                    passed += 1
                else:
                    failed += 1
                    print(f"FAIL {name}: {peer} read {got!r}, expected {payload!r}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
