#!/usr/bin/env python3
"""The verifier page in a real browser (Debian's chromium, headless), against `villageqr household verify --json`.

    python3 scripts/check-verifier-page.py [path/to/villageqr] [--screenshot PNG] [--open LINK --site DIR]

1. `villageqr household keygen`, `issue` and `pay` make the cases: a genuine code, each signed field tampered, a
   field added before and after the signature, the signature stripped, a key not in the list, another key under the
   same ID, a key used outside its dates, expired, a revoked household and its replacement, a revoked key, a broken
   CRC, NFD rewriting, codes signed (with openssl, by the trusted key) whose fields do not decode, and bad input:
   truncated and garbled fragments, a fragment that is not a household code, a VietQR payment code, a 100 KB
   fragment, HTML and script in the fragment.
2. `villageqr household site` writes a site per trust list; a test server on 127.0.0.1 (started and stopped here)
   serves them and records every request.
3. Chromium opens each code's link; the page's `data-verdict` and `data-reason` must equal the CLI's `verdict` and
   `reason` for the same code.
4. Offline: the page loaded once, the server stopped and the browser's network emulated offline, it still verifies.
5. No request leaves the page while it verifies: with the service worker in charge the server sees none, and the
   browser's network log holds nothing but the site's own files; `fetch` from the page is refused by its CSP.
6. HTML and script in the fragment are shown as text: no element is made, no script runs.
7. A browser without WebCrypto Ed25519 gets the message and no verdict.

`--screenshot PNG` also saves a 390x844 screenshot of the page verifying the typical household's code.
`--open LINK --site DIR` only serves DIR, opens LINK's fragment on it, and prints the verdict (scripts/demo.sh).

Chromium runs with --disable-background-networking --disable-component-update --disable-sync --no-first-run and
--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", so that no packet leaves the machine. It is driven
through the DevTools protocol over a pipe (--remote-debugging-pipe): no WebDriver, nothing from PyPI.
"""
import base64
import fcntl
import functools
import http.server
import json
import os
import pathlib
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "Fixtures" / "Provenance"
CHROMIUM_FLAGS = [
    "--headless",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-default-browser-check",
    "--mute-audio",
]
# The link's base, as `household issue --link` would write it; the cases are opened on the test server instead.
LINK_BASE = "https://xa-kim-hoa.gov.vn/nguon-goc"
UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"


def fail(message):
    sys.exit(f"check-verifier-page: {message}")


def run(*args, check=True, stdin=None):
    result = subprocess.run([str(a) for a in args], capture_output=True, input=stdin)
    if check and result.returncode != 0:
        fail(f"{' '.join(map(str, args))} failed: {result.stderr.decode(errors='replace')}")
    return result


# MARK: The code, as the specification writes it


def crc16(data):
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def with_crc(body):
    """`body` (everything up to and including "6304") with its CRC."""
    return body + b"%04X" % crc16(body)


def tlv(tag, value):
    return b"%02d%02d" % (tag, len(value)) + value


def fields(data):
    """Top-level (tag, header offset, value) triples; lengths count bytes."""
    out, i = [], 0
    while i < len(data):
        tag, length = int(data[i:i + 2]), int(data[i + 2:i + 4])
        out.append((tag, i, data[i + 4:i + 4 + length]))
        i += 4 + length
    return out


def primitive_paths(code):
    """(path, value offset, value length) of every signed primitive field but 00, children of 80–89 included."""
    out = []
    for tag, offset, value in fields(code):
        if tag in (0, 25, 63):
            continue
        if 80 <= tag <= 89:
            for child, child_offset, child_value in fields(value):
                out.append((f"{tag}.{child:02d}", offset + 4 + child_offset + 4, len(child_value)))
        else:
            out.append((f"{tag:02d}", offset + 4, len(value)))
    return out


def replacement(byte):
    """Another byte of the same kind, as the Swift tampering tests pick it."""
    if 0x30 <= byte <= 0x38 or 0x61 <= byte < 0x7A or 0x41 <= byte < 0x5A:
        return byte + 1
    return byte ^ 0x01


def link(code):
    """The link form: each byte outside the unreserved set as %XX."""
    return LINK_BASE + "#" + fragment(code)


def fragment(code):
    return "".join(chr(b) if b in UNRESERVED else "%%%02X" % b for b in code)


# MARK: The cases


class Cases:
    """Makes every case with the CLI (and openssl, for signed codes whose fields do not decode)."""

    def __init__(self, tool, work):
        self.tool, self.work = tool, work
        self.cases = []  # (name, site, payload bytes or None, fragment or None, needs)

    def cli(self, *args, **kwargs):
        return run(self.tool, *args, **kwargs)

    def key(self, key_id, owner, start="2026-01-01", until="2028-12-31"):
        folder = self.work / f"key-{key_id}-{len(list(self.work.iterdir()))}"
        folder.mkdir()
        trust = self.cli("household", "keygen", "--key-id", key_id, "--owner", owner, "--from", start, "--until",
                         until, "--out-dir", folder).stdout
        return folder / f"{key_id}.pem", json.loads(trust)["keys"][0]

    def issue(self, record, key, key_id, **changes):
        record = dict(record, **changes)
        path = self.work / f"record-{len(list(self.work.iterdir()))}.json"
        path.write_text(json.dumps(record, ensure_ascii=False))
        return self.cli("household", "issue", path, "--key", key, "--key-id", key_id).stdout.strip().decode()

    def sign(self, key, body_without_signature):
        """A code with the given signed fields, signed by `key` with openssl, as a buggy issuer might make one."""
        message = self.work / f"message-{len(list(self.work.iterdir()))}"
        message.write_bytes(body_without_signature)
        signature = run("openssl", "pkeyutl", "-sign", "-rawin", "-inkey", key, "-in", message).stdout
        encoded = base64.urlsafe_b64encode(signature).rstrip(b"=")
        return with_crc(body_without_signature + tlv(25, encoded) + b"6304")

    def add(self, name, site, code=None, frag=None, needs=None):
        if frag is None:
            frag = fragment(code)
        if not frag.startswith("0002P"):
            # The page reads only its fragment: one that is not a household code's is said to be so (the link
            # form's rule); the CLI, given the whole link, reads it as text that is not a code.
            needs = ("fragment", ("malformed", "notHouseholdCode"))
        self.cases.append((name, site, code, frag, needs))

    def make(self):
        record = json.loads((FIXTURES / "record-18223-0042.json").read_text())
        self.record = record
        key, entry = self.key("18223.1", "UBND xã Kim Hoa (18223)")
        second_key, second = self.key("18223.2", "UBND xã Kim Hoa (18223), key 2")
        stranger_key, _ = self.key("99999.9", "not in the list")
        impostor_key, _ = self.key("18223.1", "another key under a trusted ID")
        self.key_file, self.entry = key, entry
        revoked_entry = dict(entry, status="revoked")
        self.sites = {
            "main": ({"version": 1, "keys": [entry, second]},
                     {"version": 1, "revoked": [{"householdId": "18223-0099", "issuedBefore": "2026-11-15",
                                                 "reason": "sticker lost"}]}),
            "keyrevoked": ({"version": 1, "keys": [revoked_entry]}, None),
            "keyrevokedon": ({"version": 1, "keys": [dict(entry, status="revoked", revokedOn="2026-11-01")]}, None),
        }

        genuine = self.issue(record, key, "18223.1").encode()
        self.genuine = genuine
        self.add("genuine", "main", genuine)
        for path, at, length in primitive_paths(genuine):
            tampered = bytearray(genuine)
            tampered[at + length - 1] = replacement(tampered[at + length - 1])
            self.add(f"tampered {path}", "main", with_crc(bytes(tampered[:-4])))
        sig_tag, sig_offset, sig_value = fields(genuine)[-2]
        tampered = bytearray(genuine)
        tampered[sig_offset + 14] = ord("B") if tampered[sig_offset + 14] == ord("A") else ord("A")
        self.add("tampered signature", "main", with_crc(bytes(tampered[:-4])))
        self.add("format P2", "main", with_crc(genuine[:5] + b"2" + genuine[6:-4]))
        self.add("field added after the signature", "main",
                 with_crc(genuine[:sig_offset + 4 + 86] + tlv(14, b"extra") + b"6304"))
        self.add("field added before the signature", "main",
                 with_crc(genuine[:sig_offset] + tlv(14, b"extra") + genuine[sig_offset:-4]))
        self.add("product dropped", "main",
                 with_crc(b"".join(tlv(t, v) for t, _, v in fields(genuine) if t not in (81, 63)) + b"6304"))
        self.add("signature stripped", "main", with_crc(genuine[:sig_offset] + b"6304"))
        self.add("unknown key", "main", self.issue(record, stranger_key, "99999.9").encode())
        self.add("another key under a trusted ID", "main", self.issue(record, impostor_key, "18223.1").encode())
        self.add("key ID changed to another trusted key", "main",
                 with_crc(self.issue(record, key, "18223.1").replace("18223.1", "18223.2").encode()[:-4]))
        self.add("signed by the second trusted key", "main", self.issue(record, second_key, "18223.2").encode())
        self.add("issued before the key's dates", "main",
                 self.issue(record, key, "18223.1", issued="2025-12-01").encode())
        self.add("issued after the key's dates", "main",
                 self.issue(record, key, "18223.1", issued="2029-01-02", expires="2030-01-01").encode())
        self.add("expired", "main", self.issue(record, key, "18223.1", issued="2026-02-01",
                                               expires="2026-06-30").encode())
        self.add("revoked household", "main", self.issue(record, key, "18223.1", householdId="18223-0099").encode())
        self.add("revoked household's replacement", "main",
                 self.issue(record, key, "18223.1", householdId="18223-0099", issued="2026-11-15").encode())
        self.add("revoked key", "keyrevoked", genuine)
        self.add("key revoked from the code's issue date", "keyrevokedon", genuine)
        self.add("key revoked from a date after the code's issue date", "keyrevokedon",
                 self.issue(record, key, "18223.1", issued="2026-10-01").encode(), needs=DATED_REVOCATION)
        broken = bytearray(genuine)
        broken[-1] = ord("1") if broken[-1] == ord("0") else ord("0")
        self.add("broken CRC", "main", bytes(broken))
        self.add("lowercase CRC", "main", genuine[:-4] + genuine[-4:].lower())
        nfd = unicodedata.normalize("NFD", genuine.decode()).encode()
        self.add("NFD rewriting, lengths as they were", "main", nfd)
        rewritten = b"".join(
            tlv(t, unicodedata.normalize("NFD", v.decode()).encode() if not 80 <= t <= 89 else b"".join(
                tlv(c, unicodedata.normalize("NFD", cv.decode()).encode()) for c, _, cv in fields(v)))
            for t, _, v in fields(genuine) if t != 63)
        self.add("NFD rewriting, lengths and CRC fixed", "main", with_crc(rewritten + b"6304"))
        pre2025 = json.loads((FIXTURES / "record-pre2025.json").read_text())
        self.add("pre-2025 commune of another code", "main", self.issue(pre2025, key, "18223.1").encode(),
                 needs=OUT_OF_SCOPE)
        self.add("household of another commune", "main",
                 self.issue(record, key, "18223.1", householdId="00004-0001", provinceCode="01").encode(),
                 needs=OUT_OF_SCOPE)

        # Signed by the trusted key, but fields that do not decode: the signature is checked first.
        unsigned = genuine[:sig_offset]
        for name, old, new in [
            ("signed, unknown sanitation code", b"0702SE", b"0702ZZ"),
            ("signed, commune not in the list, no province", b"01101822", b"01100000"),
            ("signed, commune in another province", b"0702SE", b"040201" + b"0702SE"),
            ("signed, expiry before issue", b"10082027", b"10082020"),
            ("signed, bad date", b"09082026", b"09082026".replace(b"2026", b"20x6")),
        ]:
            if old not in unsigned:
                fail(f"case '{name}': {old!r} is not in the code")
            self.add(name, "main", self.sign(key, unsigned.replace(old, new, 1)))
        self.add("signed by a revoked key, fields that do not decode", "keyrevoked",
                 self.sign(key, unsigned.replace(b"0702SE", b"0702ZZ", 1)))
        self.add("signed, no key ID", "main", self.sign(key, unsigned.replace(tlv(12, b"18223.1"), b"")))
        key_field = tlv(12, b"18223.1")
        for name, address, needs in (
                ("signed, verifier address of another site", b"https://gia-mao.example/nguon-goc", None),
                ("signed, verifier address not a URL", b"ftp://x", ("link", ("malformed", "invalidField")))):
            self.add(name, "main", self.sign(key, unsigned.replace(key_field, key_field + tlv(13, address), 1)),
                     needs=needs)

        # Bad input.
        self.add("truncated to 100 bytes", "main", genuine[:100])
        self.add("truncated to 5 bytes", "main", genuine[:5])
        self.add("truncated fragment mid-escape", "main", None, fragment(genuine)[:-2][:len(fragment(genuine)) // 2])
        self.add("garbled", "main", bytes(b ^ 0x20 if i % 7 == 3 and 5 < i and b < 0x80 else b for i, b in enumerate(genuine)))
        self.add("garbled fragment", "main", None, "0002P1%zz%%%41" + fragment(genuine)[14:])
        self.add("not a household code", "main", None, "hello, world")
        self.add("a fragment that looks like a code but is not", "main", b"0002P1hello")
        payment = self.cli("pay", "--bank", "VCB", "--account", "0011001234567", "--amount", "50000").stdout.strip().decode()
        self.add("a VietQR payment code", "main", None, fragment(payment.encode()))
        self.add("a VietQR payment code as a household fragment", "main", b"0002P" + payment.encode()[5:])
        self.add("100 KB fragment", "main", None, "0002P1" + "A" * (100 * 1024))
        self.add("100 KB fragment, not a code", "main", None, "x" * (100 * 1024))
        self.add("HTML and script in the fragment", "main", None, HOSTILE)
        self.add("HTML and script in a household fragment", "main", None, "0002P1" + HOSTILE)
        self.add("HTML and script percent-encoded in the code", "main",
                 b"0002P10110" + HOSTILE.encode() + b"6304ABCD")
        self.add("a second # in the fragment", "main", None, fragment(genuine[:40]) + "#" + fragment(genuine[40:]))
        self.add("invalid UTF-8 in the code", "main", None, fragment(genuine[:20]) + "%FF%FE" + fragment(genuine[22:]))
        return self.cases


HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b id="injected">bold</b>'


# MARK: The test server


class Server:
    """Serves a folder on 127.0.0.1 and records the path of every request."""

    def __init__(self, folder):
        self.requests = []
        recorded = self.requests

        class Handler(http.server.SimpleHTTPRequestHandler):
            extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                              ".js": "text/javascript", ".webmanifest": "application/manifest+json",
                              ".svg": "image/svg+xml"}

            def do_GET(self):
                recorded.append(self.path)
                super().do_GET()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}/{path}"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# MARK: Chromium over the DevTools protocol


class Browser:
    """A headless Chromium driven over --remote-debugging-pipe: JSON messages separated by NUL on fds 3 and 4."""

    def __init__(self, profile):
        executable = shutil.which("chromium") or fail("no chromium; run scripts/bootstrap.sh")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def child():
            a = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        flags = CHROMIUM_FLAGS + ["--remote-debugging-pipe", f"--user-data-dir={profile}"]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")
        self.process = subprocess.Popen([executable, *flags, "about:blank"], preexec_fn=child, close_fds=False,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.next_id = 0
        self.replies = {}
        self.events = queue.Queue()
        self.lock = threading.Condition()
        threading.Thread(target=self.read, daemon=True).start()
        target = None
        for _ in range(200):
            targets = self.send("Target.getTargets")["targetInfos"]
            target = next((t for t in targets if t["type"] == "page"), None)
            if target:
                break
            time.sleep(0.05)
        if not target:
            fail("chromium opened no page")
        self.session = self.send("Target.attachToTarget", targetId=target["targetId"], flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            self.send(f"{domain}.enable", session=True)

    def read(self):
        buffer = b""
        while True:
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                return
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                data = json.loads(message)
                if "id" in data:
                    with self.lock:
                        self.replies[data["id"]] = data
                        self.lock.notify_all()
                else:
                    self.events.put(data)

    def send(self, method, session=False, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.time() + 30
        with self.lock:
            while self.next_id not in self.replies:
                if not self.lock.wait(timeout=deadline - time.time()):
                    fail(f"chromium did not answer {method}")
            reply = self.replies.pop(self.next_id)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def evaluate(self, expression, await_promise=False):
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True,
                           awaitPromise=await_promise)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url, wait_for=("done", "idle", "unsupported")):
        """Opens `url` afresh and waits until the page has decided; returns its state, verdict and reason."""
        self.send("Page.navigate", session=True, url="about:blank")
        self.send("Page.navigate", session=True, url=url)
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                state = self.evaluate(
                    "JSON.stringify({href: location.href, state: document.documentElement.dataset.state || null,"
                    " verdict: document.documentElement.dataset.verdict || null,"
                    " reason: document.documentElement.dataset.reason || null})")
            except RuntimeError:
                state = None
            if state:
                state = json.loads(state)
                if state["href"] != "about:blank" and state["state"] in wait_for:
                    return state
            time.sleep(0.02)
        fail(f"the page did not decide on {url[:120]}")

    def drain_events(self):
        events = []
        while True:
            try:
                events.append(self.events.get_nowait())
            except queue.Empty:
                return events

    def close(self):
        try:
            self.send("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# MARK: The checks


def cli_verdict(tool, trust, revoked, payload):
    args = ["household", "verify", "--json", "--trust", trust]
    if revoked:
        args += ["--revoked", revoked]
    result = run(tool, *args, "-", check=False, stdin=payload)
    lines = result.stdout.decode().strip().splitlines()
    if not lines:
        fail(f"verify printed nothing for {payload[:60]!r}: {result.stderr.decode(errors='replace')}")
    report = json.loads(lines[0])
    return report["verdict"], report["reason"]


def write_sites(tool, work, sites, served):
    paths = {}
    for name, (trust, revoked) in sites.items():
        trust_path = work / f"trust-{name}.json"
        trust_path.write_text(json.dumps(trust, ensure_ascii=False))
        revoked_path = None
        if revoked:
            revoked_path = work / f"revoked-{name}.json"
            revoked_path.write_text(json.dumps(revoked, ensure_ascii=False))
        args = ["household", "site", "--trust", trust_path, "-o", served / name]
        if revoked_path:
            args += ["--revoked", revoked_path]
        run(tool, *args)
        # Until `household site` carries a key's revocation date itself, it is written into the data file here.
        data_file = served / name / "trust.js"
        for key in trust["keys"]:
            if "revokedOn" in key:
                data = data_file.read_text()
                written = f'"keyId":{json.dumps(key["keyId"])},'
                start = data.index(written)
                data = data[:start] + data[start:].replace('"revokedOn":null', f'"revokedOn":"{key["revokedOn"]}"', 1)
                data_file.write_text(data)
        paths[name] = (trust_path, revoked_path)
    return paths


def probe_cli(tool, trust, revoked, cases):
    """Which parts of the contract the CLI implements: scope, and reading the link form."""
    scope_case = next(c for c in cases if c[4] == OUT_OF_SCOPE)
    has_scope = cli_verdict(tool, trust, revoked, scope_case[2])[0] == "outOfScope"
    genuine = next(c for c in cases if c[0] == "genuine")
    reads_links = cli_verdict(tool, trust, revoked, link(genuine[2]).encode())[0] == "verified"
    return has_scope, reads_links


def probe_dated_revocation(tool, site_paths, cases):
    case = next(c for c in cases if c[4] == DATED_REVOCATION)
    return cli_verdict(tool, *site_paths[case[1]], case[2])[0] == "verified"


# A case that needs a part of the contract the CLI may not implement yet names the part and the verdict the
# contract gives: (part, (verdict, reason)). Until the CLI has it, the page is checked against the contract.
OUT_OF_SCOPE = ("scope", ("outOfScope", "householdOutOfScope"))
DATED_REVOCATION = ("revokedOn", ("verified", "signatureValid"))


def check_agreement(tool, browser, server, cases, site_paths):
    has_scope, reads_links = probe_cli(tool, *site_paths["main"], cases)
    dated = probe_dated_revocation(tool, site_paths, cases)
    print(f"  CLI: scope {'yes' if has_scope else 'not yet'}, link form {'yes' if reads_links else 'not yet'}, "
          f"dated key revocation {'yes' if dated else 'not yet'}")
    failures, agreed, contract_only = [], 0, 0
    for name, site, code, frag, needs in cases:
        trust, revoked = site_paths[site]
        page = browser.open(server.url(f"{site}/index.html#{frag}"))
        if page["state"] != "done":
            failures.append(f"{name}: the page reached state {page['state']}, no verdict")
            continue
        got = (page["verdict"], page["reason"])
        if needs and not {"scope": has_scope, "link": reads_links, "revokedOn": dated}.get(needs[0], False):
            expected, source = needs[1], "contract"
        elif reads_links:
            # The link exactly as the page saw it: the browser may have percent-encoded some of the fragment.
            seen = browser.evaluate("location.hash")
            expected, source = cli_verdict(tool, trust, revoked, (LINK_BASE + seen).encode()), "CLI"
        elif code is not None:
            expected, source = cli_verdict(tool, trust, revoked, code), "CLI"
        else:
            expected, source = None, "page only"
        if expected is None:
            # A fragment the CLI cannot be given until it reads links: the page must still give a verdict.
            if got[0] != "malformed":
                failures.append(f"{name}: page {got}, expected malformed")
            contract_only += 1
        elif got != expected:
            failures.append(f"{name}: page {got}, {source} {expected}")
        else:
            agreed += 1 if source == "CLI" else 0
            contract_only += 0 if source == "CLI" else 1
        print(f"  {name}: {got[0]} {got[1]}" + ("" if source == "CLI" else f" ({source})"))
    if failures:
        fail("the page and the CLI disagree:\n  " + "\n  ".join(failures))
    print(f"agreement: {agreed} cases agree with the CLI; {contract_only} checked against the contract alone")


def check_hostile(browser, server):
    page = browser.open(server.url("main/index.html#0002P1" + urllib.parse.quote(HOSTILE, safe="")))
    found = json.loads(browser.evaluate(
        "JSON.stringify({pwned: window.__pwned || null, img: document.querySelectorAll('img').length,"
        " injected: !!document.getElementById('injected'), scripts: document.scripts.length,"
        " shown: document.getElementById('scanned-text').textContent})"))
    if found["pwned"] or found["img"] or found["injected"] or found["scripts"] != 2:
        fail(f"HTML in the fragment was interpreted: {found}")
    if HOSTILE not in found["shown"]:
        fail(f"the fragment is not shown as text: {found['shown'][:200]!r}")
    print(f"hostile fragment: {page['verdict']} {page['reason']}, shown as text, no element made, no script run")


def check_other_verifier(browser, server, cases):
    """A genuine code whose verifier address (tag 13) is another site's: the verdict stands, with a warning."""
    case = next(c for c in cases if c[0] == "signed, verifier address of another site")
    page = browser.open(server.url(f"main/index.html#{case[3]}"))
    warning = browser.evaluate("(document.querySelector('.other-verifier') || {}).textContent || ''")
    if "https://gia-mao.example/nguon-goc" not in warning:
        fail(f"a code of another verifier shows no warning: {page}, {warning!r}")
    genuine = next(c for c in cases if c[0] == "genuine")
    browser.open(server.url(f"main/index.html#{genuine[3]}"))
    if browser.evaluate("!!document.querySelector('.other-verifier')"):
        fail("a code with no verifier address is flagged as another verifier's")
    print(f"another verifier's code: {page['verdict']}, with the warning {warning!r}")


def check_file_page(served, cases):
    """The site opened from a folder, as from a USB stick: file://, no server, no service worker."""
    with tempfile.TemporaryDirectory() as profile:
        browser = Browser(profile)
        try:
            for name, want in (("genuine", "verified"), ("tampered 02", "badSignature")):
                case = next(c for c in cases if c[0] == name)
                page = browser.open((served / "main" / "index.html").as_uri() + "#" + case[3])
                if page["verdict"] != want:
                    fail(f"from file://, {name} read {page}, expected {want}")
        finally:
            browser.close()
    print("file://: the site opened from a folder verifies the genuine code and refuses the tampered one")


def check_stale_list(browser, server, served, cases):
    """A trust list past its next-update date is shown as stale. `household site` writes the dates of a signed list;
    here they are written into a copy of the data file."""
    stale = served / "stale"
    shutil.copytree(served / "main", stale)
    data = (stale / "trust.js").read_text()
    old = '"trust":{"issued":null,"nextUpdate":null,'
    if old not in data:
        fail("the data file's trust list has no issued/nextUpdate to set")
    (stale / "trust.js").write_text(data.replace(old, '"trust":{"issued":"2026-01-01","nextUpdate":"2026-01-31",'))
    genuine = next(c for c in cases if c[0] == "genuine")
    page = browser.open(server.url(f"stale/index.html#{genuine[3]}"))
    shown = browser.evaluate("document.getElementById('trust-details').textContent")
    stale_flag = browser.evaluate("document.documentElement.hasAttribute('data-trust-stale')")
    if not stale_flag or "QUÁ HẠN" not in shown or "2026-01-31" not in shown:
        fail(f"a stale list is not shown as such: {stale_flag}, {shown!r}")
    browser.open(server.url(f"main/index.html#{genuine[3]}"))
    if browser.evaluate("document.documentElement.hasAttribute('data-trust-stale')"):
        fail("a list with no next-update date is shown as stale")
    print(f"stale list: shown as such ({page['verdict']}): {shown[-60:]!r}")


def check_paste_and_language(browser, server, cases):
    """With no fragment the page explains itself in Vietnamese; its text box takes a raw code and a link; the
    switch turns the page into English."""
    page = browser.open(server.url("main/index.html"))
    explanation = browser.evaluate("document.getElementById('verdict-reason').textContent")
    if page["state"] != "idle" or page["verdict"] or "Trang này kiểm tra" not in explanation:
        fail(f"with no fragment the page shows {page}, {explanation[:80]!r}")
    genuine = next(c for c in cases if c[0] == "genuine")
    tampered = next(c for c in cases if c[0] == "tampered 02")
    for text, want in ((genuine[2].decode(), "verified"), (link(tampered[2]), "badSignature"),
                       ("  " + link(genuine[2]) + "\n", "verified"), ("0002P1", "malformed"),
                       (link(genuine[2]).replace("https:", "http:"), "malformed")):
        browser.evaluate(f"document.getElementById('paste-input').value = {json.dumps(text)};"
                         "document.getElementById('paste-submit').click()")
        for _ in range(200):
            got = browser.evaluate("document.documentElement.dataset.verdict || null")
            if got and browser.evaluate("document.documentElement.dataset.state") == "done":
                break
            time.sleep(0.02)
        if got != want:
            fail(f"the pasted {text[:40]!r}… read {got}, expected {want}")
    browser.evaluate("document.getElementById('language').click()")
    label, lang = json.loads(browser.evaluate(
        "JSON.stringify([document.getElementById('verdict-label').textContent, document.documentElement.lang])"))
    if (label, lang) != ("MALFORMED", "en"):
        fail(f"after the switch the page reads {label!r} in {lang!r}")
    print("paste and language: raw and link forms pasted verify; the switch reads MALFORMED in English")


def check_no_requests_and_offline(browser, server, cases):
    site_files = {"/main/" + name for name in ("index.html", "verifier.js", "trust.js", "style.css", "icon.svg",
                                                "manifest.webmanifest", "sw.js")}
    genuine = next(c for c in cases if c[0] == "genuine")
    tampered = next(c for c in cases if c[0] == "tampered 02")
    # First visit: every request is for one of the site's own files, on 127.0.0.1, with no query.
    browser.drain_events()
    page = browser.open(server.url(f"main/index.html#{genuine[3]}"))
    for _ in range(200):
        if browser.evaluate("!!navigator.serviceWorker.controller"):
            break
        time.sleep(0.05)
    else:
        fail("the service worker never took charge of the page")
    time.sleep(0.3)
    stray = [p for p in server.requests if p not in site_files]
    if stray:
        fail(f"the first visit asked the server for more than the site's files: {stray}")
    urls = [e["params"]["request"]["url"] for e in browser.drain_events() if e.get("method") ==
            "Network.requestWillBeSent"]
    foreign = [u for u in urls if not u.startswith(f"http://127.0.0.1:{server.port}/main/") and u != "about:blank"]
    if foreign:
        fail(f"the page asked for something other than its own files: {foreign}")
    if page["verdict"] != "verified":
        fail(f"the genuine code read {page} on the first visit")
    print(f"first visit: {len(server.requests)} requests, all for the site's own files; verdict {page['verdict']}")

    # With the service worker in charge, verifying sends nothing: the server sees no request at all.
    server.requests.clear()
    for case in [c for c in cases if c[1] == "main"][:12]:
        browser.open(server.url(f"main/index.html#{case[3]}"))
    if server.requests:
        fail(f"verifying with the service worker in charge sent requests: {server.requests}")
    # A script that tried to send the code home, even to the page's own server, is stopped by the CSP.
    blocked = browser.evaluate(
        "new Promise((resolve) => {"
        " document.addEventListener('securitypolicyviolation', (e) => resolve('blocked by ' + e.effectiveDirective));"
        " fetch('/main/leak?' + encodeURIComponent(location.hash)).then(() => resolve('sent'), () => {}); })",
        await_promise=True)
    time.sleep(0.2)
    if blocked != "blocked by connect-src" or server.requests:
        fail(f"a fetch from the page was not refused: {blocked}, server saw {server.requests}")
    print(f"no requests: 12 verifications with the service worker in charge, 0 requests; fetch() {blocked}")

    # Offline: the server stopped and the network emulated offline, the page still verifies.
    server.stop()
    browser.send("Network.emulateNetworkConditions", session=True, offline=True, latency=0, downloadThroughput=-1,
                 uploadThroughput=-1)
    for case, want in ((genuine, "verified"), (tampered, "badSignature")):
        page = browser.open(f"http://127.0.0.1:{server.port}/main/index.html#{case[3]}")
        if page["verdict"] != want:
            fail(f"offline, {case[0]} read {page}, expected {want}")
    print("offline: server stopped, network offline; the genuine code verified, the tampered one badSignature")


def check_without_ed25519(profile, served, cases):
    """A browser without WebCrypto Ed25519: importKey refuses it, as in browsers before Chromium 137."""
    server = Server(served)
    browser = Browser(profile)
    try:
        browser.send("Page.addScriptToEvaluateOnNewDocument", session=True, source="""
            const original = crypto.subtle.importKey.bind(crypto.subtle);
            crypto.subtle.importKey = (format, data, algorithm, ...rest) =>
                (algorithm === 'Ed25519' || (algorithm && algorithm.name === 'Ed25519'))
                    ? Promise.reject(new DOMException('Unrecognized name', 'NotSupportedError'))
                    : original(format, data, algorithm, ...rest);""")
        for name in ("genuine", "tampered 02", "broken CRC"):
            case = next(c for c in cases if c[0] == name)
            page = browser.open(server.url(f"main/index.html#{case[3]}"))
            if name == "broken CRC":
                if page["verdict"] != "malformed":
                    fail(f"without Ed25519, a broken CRC read {page}")
            elif page["state"] != "unsupported" or page["verdict"] is not None:
                fail(f"without Ed25519, {name} read {page}; expected the message and no verdict")
            shown = browser.evaluate("document.getElementById('verdict-reason').textContent")
            if name != "broken CRC" and "Ed25519" not in shown:
                fail(f"without Ed25519 the page says {shown!r}")
        print("without Ed25519: the message and no verdict for signed codes; a broken CRC still malformed")
    finally:
        browser.close()
        server.stop()


def screenshot(browser, server, tool, work, key, path):
    record = json.loads((FIXTURES / "record-typical.json").read_text())
    record_path = work / "typical.json"
    record_path.write_text(json.dumps(record, ensure_ascii=False))
    code = run(tool, "household", "issue", record_path, "--key", key, "--key-id", "18223.1").stdout.strip()
    browser.send("Emulation.setDeviceMetricsOverride", session=True, width=390, height=844, deviceScaleFactor=1,
                 mobile=True)
    page = browser.open(server.url(f"main/index.html#{fragment(code)}"))
    if page["verdict"] != "verified":
        fail(f"the screenshot's code read {page}")
    data = browser.send("Page.captureScreenshot", session=True, format="png")["data"]
    pathlib.Path(path).write_bytes(base64.b64decode(data))
    browser.send("Emulation.clearDeviceMetricsOverride", session=True)
    print(f"screenshot: {path} (390x844), verdict {page['verdict']}")


def open_link(site, link_text):
    """For scripts/demo.sh: serves `site`, opens the link's fragment on it and prints the verdict the page shows."""
    frag = link_text.split("#", 1)[1] if "#" in link_text else link_text
    with tempfile.TemporaryDirectory() as profile:
        server = Server(site)
        browser = Browser(profile)
        try:
            page = browser.open(server.url(f"index.html#{frag}"))
            shown = browser.evaluate("document.getElementById('verdict-label').textContent + ' — ' + "
                                     "document.getElementById('verdict-reason').textContent")
            print(f"page: data-verdict={page['verdict']} data-reason={page['reason']}")
            print(f"page shows: {shown}")
            note = browser.evaluate("(document.querySelector('.other-verifier') || {}).textContent || ''")
            if note:
                print(f"page notes: {note} (the demo serves the site from 127.0.0.1, not from the link's host)")
        finally:
            browser.close()
            server.stop()


def main():
    args = sys.argv[1:]
    if "--open" in args:
        open_link(args[args.index("--site") + 1], args[args.index("--open") + 1])
        return
    shot = None
    if "--screenshot" in args:
        shot = args[args.index("--screenshot") + 1]
        del args[args.index("--screenshot"):args.index("--screenshot") + 2]
    tool = args[0] if args else str(ROOT / ".build" / "debug" / "villageqr")
    started = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        (work / "keys").mkdir()
        cases_maker = Cases(tool, work / "keys")
        cases = cases_maker.make()
        served = work / "served"
        served.mkdir()
        site_paths = write_sites(tool, work, cases_maker.sites, served)
        print(f"{len(cases)} cases made with the CLI in {time.time() - started:.1f} s")

        server = Server(served)
        browser = Browser(work / "profile")
        try:
            check_agreement(tool, browser, server, cases, site_paths)
            check_hostile(browser, server)
            check_paste_and_language(browser, server, cases)
            check_other_verifier(browser, server, cases)
            check_stale_list(browser, server, served, cases)
            if shot:
                screenshot(browser, server, tool, work, cases_maker.key_file, shot)
        finally:
            browser.close()
            server.stop()

        server = Server(served)
        browser = Browser(work / "profile-offline")
        try:
            check_no_requests_and_offline(browser, server, cases)
        finally:
            browser.close()
            server.stop()
        check_without_ed25519(work / "profile-old", served, cases)
        check_file_page(served, cases)
    print(f"verifier page: all checks passed in {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
