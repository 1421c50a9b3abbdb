#!/usr/bin/env python3
"""Measures the candidate encodings of a household code's link form, `https://HOST/PATH#` + fragment.

For the typical record (Fixtures/Provenance/record-typical.json, signed with the test key as 18223.1, carrying the
link's base as its verifier address, tag 13, as `household issue --link` writes it) and each
candidate (percent-encoding, base64url, deflate-raw + base64url) it reports:
- the fragment's length and whether every character is in RFC 3986's fragment set (and none is a space);
- the QR version `villageqr render` needs at ECC M, for several verifier hosts;
- whether zbarimg and zxing-cpp return the link byte for byte from the rendered PNG;
- whether Python's urllib.parse and headless Chromium's URL parser (`new URL(link).hash`, and `location.hash` of a
  file:// page opened with the fragment) keep the fragment exactly; for deflate-raw, whether Chromium's
  DecompressionStream('deflate-raw') gives back the code's bytes.

    python3 scripts/measure-link-encoding.py [path/to/villageqr]

Needs: zbarimg (zbar-tools), chromium, and zxing-cpp with Pillow (scripts/imaging-requirements.txt); a peer that is
missing is reported as such. Prints a table; exits 1 if a rule is broken by the encoding the link form uses.
"""
import base64
import html
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
TOOL = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build" / "debug" / "villageqr")
RECORD = ROOT / "Fixtures" / "Provenance" / "record-typical.json"
KEY = ROOT / "Fixtures" / "Provenance" / "test-key-18223.1.pem"
CHOSEN = "percent"
HOSTS = [
    "https://xa-kim-hoa.gov.vn/nguon-goc#",
    "https://kimhoa.vn/#",
    "https://xa-kim-hoa.ha-tinh.gov.vn/kiem-tra-nguon-goc/#",
    "https://nguongoc.xa-kim-hoa.huyen-huong-son.tinh-ha-tinh.gov.vn/kiem-tra/#",
]
# RFC 3986: fragment = *( pchar / "/" / "?" ), pchar = unreserved / pct-encoded / sub-delims / ":" / "@".
FRAGMENT = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$")
# Written as themselves by the percent candidate: RFC 3986 unreserved, and ":" and "/" so that the verifier address
# the code carries (tag 13) stays readable and short.
LITERAL = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def deflate_raw(data):
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    return compressor.compress(data) + compressor.flush()


ENCODINGS = {
    "percent": lambda code: "".join(chr(b) if b in LITERAL else f"%{b:02X}" for b in code),
    "base64url": b64url,
    "deflate-raw+base64url": lambda code: b64url(deflate_raw(code)),
}


def decode(name, fragment):
    if name == "percent":
        return urllib.parse.unquote_to_bytes(fragment)
    raw = base64.urlsafe_b64decode(fragment + "=" * (-len(fragment) % 4))
    return raw if name == "base64url" else zlib.decompress(raw, -15)


def run(*args, check=True, **kwargs):
    result = subprocess.run(args, capture_output=True, **kwargs)
    if check and result.returncode != 0:
        sys.exit(f"measure: {' '.join(map(str, args))} failed: {result.stderr.decode(errors='replace')}")
    return result


def zbarimg(path):
    if shutil.which("zbarimg") is None:
        return None
    out = run("zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sbinary", path, check=False).stdout
    return out[:-1] if out.endswith(b"\n") else out


def zxing(path):
    try:
        import zxingcpp
        from PIL import Image
    except ImportError:
        return None
    results = zxingcpp.read_barcodes(Image.open(path), formats=zxingcpp.BarcodeFormat.QRCode)
    return results[0].bytes if len(results) == 1 else b""


def chromium_checks(tmp, links, code):
    """{link: (new URL(link).hash, location.hash of file://page#fragment, deflate-raw decode ok or None)}."""
    browser = shutil.which("chromium")
    if browser is None:
        return None
    out = {}
    for index, (name, link) in enumerate(links):
        fragment = link.split("#", 1)[1]
        page = tmp / f"url-{index}.html"
        expected = list(code)
        page.write_text(f"""<!doctype html><meta charset="utf-8"><pre id="out"></pre><script>
(async () => {{
  const link = {json.dumps(link)};
  const result = {{parsed: new URL(link).hash.slice(1), location: location.hash.slice(1), inflated: null}};
  if ({json.dumps(name)} === "deflate-raw+base64url") {{
    const b64 = result.location.replace(/-/g, "+").replace(/_/g, "/");
    const raw = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
    const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    const expected = {json.dumps(expected)};
    result.inflated = bytes.length === expected.length && bytes.every((b, i) => b === expected[i]);
  }}
  document.getElementById("out").textContent = JSON.stringify(result);
}})();
</script>""")
        dom = run(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=3000", "--dump-dom",
                  page.as_uri() + "#" + fragment, check=False).stdout.decode()
        match = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
        out[link] = json.loads(html.unescape(match.group(1))) if match and match.group(1) else None
    return out


def issue(base=None):
    """The typical code; with `base`, issued for that verifier address (tag 13), as `--link` does."""
    link = ["--link", base] if base else []
    out = run(TOOL, "household", "issue", RECORD, "--key", KEY, "--key-id", "18223.1", *link).stdout.rstrip(b"\n")
    return urllib.parse.unquote_to_bytes(out.split(b"#", 1)[1]) if base else out


def main():
    code = issue()
    print(f"typical code without a verifier address: {len(code)} bytes, {sum(1 for b in code if b >= 0x80)} of them outside ASCII, "
          f"{code.count(b' ')} spaces; raw QR version:", end=" ")
    broken = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        raw_png = tmp / "raw.png"
        line = run(TOOL, "render", "-", "-o", raw_png, "--ecc", "M", input=code).stdout.decode()
        print(re.search(r"version (\S+),", line).group(1))
        links = []
        print(f"\n{'encoding':24} {'fragment':>8}  {'RFC 3986':8}  " + "  ".join(
            f"{len(h):>3}-char#" for h in HOSTS))
        for name, encode in ENCODINGS.items():
            legal, versions = True, []
            for index, host in enumerate(HOSTS):
                signed = issue(host[:-1])
                fragment = encode(signed)
                assert decode(name, fragment) == signed
                legal = legal and bool(FRAGMENT.match(fragment)) and " " not in fragment
                link = host + fragment
                png = tmp / f"{name}-{index}.png"
                line = run(TOOL, "render", "-", "-o", png, "--ecc", "M", input=link.encode()).stdout.decode()
                versions.append(re.search(r"version (\S+),", line).group(1))
                links.append((name, link, png))
            print(f"{name:24} {len(encode(issue(HOSTS[0][:-1]))):>8}  {'yes' if legal else 'NO':8}  " + "  ".join(
                f"{v:>8}" for v in versions))
            if name == CHOSEN:
                if not legal:
                    broken.append(f"{name}: a character outside RFC 3986's fragment set")
                if int(versions[0].split("-")[0]) > 17:
                    broken.append(f"{name}: the typical link needs version {versions[0]}")
        print(f"(hosts: {', '.join(h[:-1] for h in HOSTS)}; each column is headed by the length of https://HOST/PATH# in characters)")
        print("\nlongest 'https://HOST/PATH#' (characters) that keeps the typical link at each version:")
        for name, encode in ENCODINGS.items():
            limits = {}
            for length in range(len("https://a.vn/#"), 100, 2):
                # Letters that do not repeat, as a real host's do not: deflate must not gain from the probe.
                host = "".join(chr(0x61 + (i * 7 + i * i) % 26) for i in range(length - len("https://.vn/#")))
                base = "https://" + host + ".vn/#"
                fragment = encode(issue(base[:-1]))
                line = run(TOOL, "render", "-", "-o", tmp / "probe.png", "--ecc", "M", "--force",
                           input=(base + fragment).encode()).stdout.decode()
                version = int(re.search(r"version (\d+)-", line).group(1))
                limits[version] = length
            print(f"  {name:24} " + ", ".join(f"{v}-M up to {n}" for v, n in sorted(limits.items())))

        print("\nreaders, link with the first host (byte for byte):")
        code = issue(HOSTS[0][:-1])
        browser = chromium_checks(tmp, [(n, l) for n, l, p in links if l.startswith(HOSTS[0])], code)
        for name, link, png in links:
            if not link.startswith(HOSTS[0]):
                continue
            fragment = link.split("#", 1)[1]
            checks = {
                "zbarimg": zbarimg(png),
                "zxing-cpp": zxing(png),
            }
            cells = [f"{peer} {'missing' if got is None else 'exact' if got == link.encode() else 'DIFFERS'}"
                     for peer, got in checks.items()]
            split = urllib.parse.urlsplit(link)
            urllib_ok = split.fragment == fragment and urllib.parse.urlparse(link).fragment == fragment
            cells.append(f"urllib {'exact' if urllib_ok else 'DIFFERS'}")
            if browser is None:
                cells.append("chromium missing")
            else:
                seen = browser.get(link)
                if seen is None:
                    cells.append("chromium NO RESULT")
                else:
                    cells.append("chromium new URL " + ("exact" if seen["parsed"] == fragment else "DIFFERS"))
                    cells.append("location.hash " + ("exact" if seen["location"] == fragment else "DIFFERS"))
                    if seen["inflated"] is not None:
                        cells.append("DecompressionStream " + ("exact" if seen["inflated"] else "DIFFERS"))
            print(f"  {name:24} " + ", ".join(cells))
            if name == CHOSEN:
                broken += [f"{name}: {c}" for c in cells if "DIFFERS" in c or "NO RESULT" in c]
    if broken:
        print("\n".join(["", "broken:"] + broken))
        sys.exit(1)


if __name__ == "__main__":
    main()
