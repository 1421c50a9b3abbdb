#!/usr/bin/env python3
"""Peer check for household codes: everything but the issuing is done by other implementations.

1. openssl makes the Ed25519 key (genpkey) and gives its public key.
2. `villageqr household issue` signs Fixtures/Provenance/record-18223-0042.json and renders a PNG.
3. zbarimg (zbar-tools) reads the PNG back.
4. This script parses the payload with its own TLV reader (lengths in UTF-8 bytes), checks the CRC-16/CCITT-FALSE,
   cuts the signed bytes at the signature field and decodes the base64url signature.
5. `openssl pkeyutl -verify -rawin` checks the signature over those bytes; a one-byte change must fail.
6. `villageqr household verify` agrees: verified, and badSignature for the changed code.
7. The link form: `household issue --link` renders https://HOST/PATH#..., zbarimg reads it back as printed, this
   script decodes the fragment with its own reader (RFC 3986 fragment characters, percent-decoded to bytes),
   finds the base in tag 13, and openssl checks the signature over the decoded code's signed bytes.

    python3 scripts/provenance-peer-check.py [path/to/villageqr]

Needs: openssl, zbar-tools (scripts/bootstrap.sh installs both). Exits non-zero on any disagreement.
"""
import base64
import json
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
TOOL = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build" / "debug" / "villageqr")
RECORD = ROOT / "Fixtures" / "Provenance" / "record-18223-0042.json"


def run(*args, check=True, **kwargs):
    result = subprocess.run(args, capture_output=True, **kwargs)
    if check and result.returncode != 0:
        sys.exit(f"peer check: {' '.join(map(str, args))} failed: {result.stderr.decode(errors='replace')}")
    return result


def crc16(data):
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def fields(data):
    """Top-level (tag, header offset, value) triples; lengths count bytes."""
    out, i = [], 0
    while i < len(data):
        tag, length = int(data[i:i + 2]), int(data[i + 2:i + 4])
        out.append((tag, i, data[i + 4:i + 4 + length]))
        i += 4 + length
    if i != len(data):
        sys.exit("peer check: the payload does not parse as TLV")
    return out


def signed_parts(payload):
    parsed = fields(payload)
    tag, offset, value = parsed[-1]
    if tag != 63 or int(value, 16) != crc16(payload[:offset + 4]):
        sys.exit("peer check: CRC mismatch in our own reading")
    if parsed[0][2] != b"P1":
        sys.exit("peer check: the format indicator is not P1")
    sig_tag, sig_offset, sig_value = parsed[-2]
    if sig_tag != 25:
        sys.exit("peer check: the signature is not right before the CRC")
    signature = base64.urlsafe_b64decode(sig_value + b"==")
    return payload[:sig_offset], signature


LINK_BASE = "https://xa-kim-hoa.gov.vn/nguon-goc"
FRAGMENT = re.compile(rb"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$")


def decode_link(link):
    """(base, code) of a link: the specification's reading steps, written out independently."""
    if not link.lower().startswith(b"https://") or b"#" not in link:
        sys.exit(f"peer check: {link!r} is not an https link with a fragment")
    base, fragment = link.split(b"#", 1)
    if not fragment.startswith(b"0002P") or not FRAGMENT.match(fragment):
        sys.exit("peer check: the link's fragment is not a percent-encoded household code")
    code, i = bytearray(), 0
    while i < len(fragment):
        if fragment[i] == ord("%"):
            code.append(int(fragment[i + 1:i + 3], 16))
            i += 3
        else:
            code.append(fragment[i])
            i += 1
    return base, bytes(code)


def check_link(tmp, key, pub, trust):
    png = tmp / "link.png"
    printed = run(TOOL, "household", "issue", RECORD, "--key", key, "--key-id", "18223.1", "--link", LINK_BASE,
                  "-o", png).stdout.rstrip(b"\n")
    scanned = run("zbarimg", "--raw", "-q", "-Sbinary", png).stdout.rstrip(b"\n")
    if scanned != printed:
        sys.exit(f"peer check: zbarimg read {scanned!r}, the CLI printed {printed!r}")
    base, code = decode_link(scanned)
    if base != LINK_BASE.encode() or dict((t, v) for t, _, v in fields(code)).get(13) != base:
        sys.exit("peer check: tag 13 does not hold the link's base")
    signed, signature = signed_parts(code)
    (tmp / "msg").write_bytes(signed)
    (tmp / "sig").write_bytes(signature)
    run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", tmp / "msg", "-sigfile", tmp / "sig")
    ours = json.loads(run(TOOL, "household", "verify", scanned.decode(), "--trust", trust, "--json",
                          "--today", "2026-11-29").stdout)
    if ours["verdict"] != "verified" or ours["notes"]:
        sys.exit(f"peer check: villageqr says {ours['verdict']} {ours['notes']} for the link")
    print(f"peer check: {len(scanned)}-byte link read by zbarimg, its {len(code)}-byte code decoded here, tag 13 "
          f"is the base, signature checked by openssl; villageqr agrees (verified)")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        key, png = tmp / "key.pem", tmp / "hh.png"
        run("openssl", "genpkey", "-algorithm", "ed25519", "-out", key)
        der = run("openssl", "pkey", "-in", key, "-pubout", "-outform", "DER").stdout
        public = base64.urlsafe_b64encode(der[-32:]).rstrip(b"=").decode()
        trust = tmp / "trust.json"
        trust.write_text(json.dumps({"version": 1, "keys": [{
            "keyId": "18223.1", "publicKey": public, "owner": "peer check", "from": "2026-01-01",
            "until": "2030-12-31", "status": "active"}]}))
        run(TOOL, "household", "issue", RECORD, "--key", key, "--key-id", "18223.1", "-o", png)
        scanned = run("zbarimg", "--raw", "-q", "-Sbinary", png).stdout.rstrip(b"\n")
        signed, signature = signed_parts(scanned)
        (tmp / "msg").write_bytes(signed)
        (tmp / "sig").write_bytes(signature)
        pub = tmp / "pub.pem"
        run("openssl", "pkey", "-in", key, "-pubout", "-out", pub)
        verify = ("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", tmp / "msg",
                  "-sigfile", tmp / "sig")
        run(*verify)
        changed = bytearray(signed)
        changed[24] ^= 1  # the first letter of the head of household's name
        (tmp / "msg").write_bytes(bytes(changed))
        if run(*verify, check=False).returncode == 0:
            sys.exit("peer check: openssl accepted a changed code")
        ours = json.loads(run(TOOL, "household", "verify", scanned.decode(), "--trust", trust, "--json",
                              "--today", "2026-11-29").stdout)
        if ours["verdict"] != "verified":
            sys.exit(f"peer check: villageqr says {ours['verdict']}")
        tampered = bytes(changed) + scanned[len(signed):-4]
        tampered += b"%04X" % crc16(tampered)
        theirs = json.loads(run(TOOL, "household", "verify", tampered.decode(), "--trust", trust, "--json",
                                "--today", "2026-11-29", check=False).stdout)
        if theirs["verdict"] != "badSignature":
            sys.exit(f"peer check: a changed code read as {theirs['verdict']}")
        print(f"peer check: {len(scanned)}-byte code read by zbarimg, signature checked by openssl over "
              f"{len(signed)} signed bytes; villageqr agrees (verified, and badSignature for a changed byte)")
        check_link(tmp, key, pub, trust)


if __name__ == "__main__":
    main()
