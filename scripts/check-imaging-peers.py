#!/usr/bin/env python3
"""Peer check: every PNG `villageqr render` makes is read back exactly by zbarimg and by zxing-cpp.

It also checks household codes in both forms: `villageqr household issue` (raw, and with --link) renders the
typical record; zbarimg, zxing-cpp and `villageqr scan` must return the printed payload byte for byte, and
`villageqr household verify` must read each peer's bytes as verified.

Usage: scripts/check-imaging-peers.py [--villageqr PATH]
Needs: zbarimg (Debian zbar-tools, in scripts/bootstrap.sh) and zxing-cpp with Pillow
(pip install -r scripts/imaging-requirements.txt).
Prints one line per failure and a closing "N passed, N failed" line; exits 1 if anything failed, 2 if a peer is
missing.
"""
import argparse
import base64
import json
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


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Fixtures", "Provenance")
LINK_BASES = ["https://xa-kim-hoa.gov.vn/nguon-goc", "https://kimhoa.vn/"]


def household_cases(binary, folder):
    """(name, PNG path, payload, trust list path) for the typical record, raw and behind each link base."""
    key = os.path.join(FIXTURES, "test-key-18223.1.pem")
    der = subprocess.run(["openssl", "pkey", "-in", key, "-pubout", "-outform", "DER"], capture_output=True,
                         check=True).stdout
    public = base64.urlsafe_b64encode(der[-32:]).rstrip(b"=").decode()
    trust = os.path.join(folder, "trust.json")
    with open(trust, "w") as file:
        json.dump({"version": 1, "keys": [{"keyId": "18223.1", "publicKey": public, "owner": "peer check",
                                           "from": "2026-01-01", "until": "2030-12-31", "status": "active"}]}, file)
    for index, base in enumerate([None] + LINK_BASES):
        name = "household-raw" if base is None else f"household-link-{index}"
        out = os.path.join(folder, name + ".png")
        args = [binary, "household", "issue", os.path.join(FIXTURES, "record-typical.json"), "--key", key,
                "--key-id", "18223.1", "-o", out]
        if base:
            args += ["--link", base]
        run = subprocess.run(args, capture_output=True, check=False)
        yield name, out, run.stdout.rstrip(b"\n") if run.returncode == 0 else None, trust


def villageqr_scan(binary, path):
    run = subprocess.run([binary, "scan", path, "--json"], capture_output=True, check=False)
    codes = json.loads(run.stdout.splitlines()[0])["codes"] if run.returncode == 0 else []
    return base64.b64decode(codes[0]["bytesBase64"]) if len(codes) == 1 else None


def verdict(binary, payload, trust):
    run = subprocess.run([binary, "household", "verify", "-", "--trust", trust, "--json", "--today", "2026-11-29"],
                         input=payload, capture_output=True, check=False)
    return json.loads(run.stdout)["verdict"] if run.stdout else f"exit {run.returncode}"


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
        print("check-imaging-peers: zxing-cpp is missing (pip install -r scripts/imaging-requirements.txt)", file=sys.stderr)
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
        for name, out, payload, trust in household_cases(binary, folder):
            if payload is None:
                print(f"FAIL {name}: household issue failed")
                failed += 1
                continue
            for peer, read in (("zbarimg", zbarimg), ("zxing-cpp", zxing),
                               ("villageqr scan", lambda path: villageqr_scan(binary, path))):
                got = read(out)
                seen = verdict(binary, got, trust) if got == payload else None
                if seen == "verified":
                    passed += 1
                else:
                    failed += 1
                    print(f"FAIL {name}: {peer} read {got!r} (verdict {seen}), expected {payload!r}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
