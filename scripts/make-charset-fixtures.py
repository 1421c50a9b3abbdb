#!/usr/bin/env python3
"""Writes the encoder-side fixtures that our own renderer cannot make, with segno (an independent encoder):

- Tests/QRImagingTests/Fixtures/charsets: byte-mode codes in Shift_JIS, ISO-8859-1 and UTF-8, each with and without an
  ECI designator, as PNGs, and manifest.tsv (file, encoding, eci, text);
- Tests/QRImagingTests/Fixtures/structured-append: one message in a structured-append group of four symbols, as
  images of one part each, of parts 2 and 3, of parts 1 and 3, and of all four; manifest.tsv (file, parts found,
  complete, the bytes expected: the found parts' data in order).

Usage: scripts/make-charset-fixtures.py   (needs segno: pip install -r scripts/imaging-requirements.txt; ImageMagick)
"""
import os
import subprocess
import sys

import segno

TEXTS = {
    "shift_jis": ["こんにちは世界", "東京都千代田区丸の内1-1", "ｶﾀｶﾅ ﾃｽﾄ", "価格: 1,200円"],
    "iso-8859-1": ["Café crème brûlée", "Grüße aus Köln", "¿Dónde está el baño?", "Ærø Ødegård"],
    "utf-8": ["Thanh toán hoá đơn", "Nguyễn Văn Ánh", "Ελληνικά κείμενο", "日本語 UTF-8"],
}
NAMES = {"shift_jis": "Shift_JIS", "iso-8859-1": "ISO-8859-1", "utf-8": "UTF-8"}


FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "QRImagingTests", "Fixtures")
MESSAGE = "VillageQR structured append: household 18223-0042, data spread over four symbols, read in order."


def structured_append():
    out = os.path.join(FIXTURES, "structured-append")
    os.makedirs(out, exist_ok=True)
    parts = segno.make_sequence(MESSAGE, symbol_count=4, mode="byte", error="m")
    assert len(parts) == 4
    # segno splits the message into equal runs of bytes, in order; read each back from the split it made.
    data = MESSAGE.encode("ascii")
    size = -(-len(data) // 4)
    pieces = [data[i * size:(i + 1) * size] for i in range(4)]
    names = []
    for index, part in enumerate(parts):
        name = "part-%d-of-4.png" % (index + 1)
        part.save(os.path.join(out, name), scale=4, border=4)
        names.append(name)
    rows = ["file\tpartsFound\tcomplete\ttext"]
    for index in range(4):
        rows.append("%s\t1\t%s\t%s" % (names[index], "no", pieces[index].decode()))
    for chosen in ([1, 2], [0, 2], [0, 1, 2, 3]):
        name = "parts-%s.png" % "-".join(str(i + 1) for i in chosen)
        subprocess.run(["convert"] + [os.path.join(out, names[i]) for i in chosen] + ["+append", os.path.join(out, name)],
                       check=True)
        rows.append("%s\t%d\t%s\t%s" % (name, len(chosen), "yes" if len(chosen) == 4 else "no",
                                         b"".join(pieces[i] for i in chosen).decode()))
    with open(os.path.join(out, "manifest.tsv"), "w", encoding="utf-8") as manifest:
        manifest.write("\n".join(rows) + "\n")


def main():
    structured_append()
    out = os.path.join(FIXTURES, "charsets")
    os.makedirs(out, exist_ok=True)
    rows = ["file\tencoding\teci\ttext"]
    for encoding, texts in TEXTS.items():
        for index, text in enumerate(texts):
            for eci in (False, True):
                name = "%s-%d%s.png" % (encoding.replace("_", "").replace("-", ""), index, "-eci" if eci else "")
                code = segno.make(text, mode="byte", encoding=encoding, eci=eci, error="m", micro=False)
                code.save(os.path.join(out, name), scale=4, border=4)
                rows.append("%s\t%s\t%s\t%s" % (name, NAMES[encoding], "yes" if eci else "no", text))
    with open(os.path.join(out, "manifest.tsv"), "w", encoding="utf-8") as manifest:
        manifest.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
