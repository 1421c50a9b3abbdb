#!/usr/bin/env python3
"""Writes village-cp1258.csv: three households saved the way Excel's plain "CSV" saves them on a Vietnamese
Windows, in Windows-1258 rather than UTF-8, so that the reader's refusal can be tested.

Windows-1258 has the Vietnamese vowels with their vowel marks (â, ê, ô, ơ, ư, ă) and đ as single bytes, and the five
tones as combining marks after them; this is how Python's cp1258 codec wants the text. Rows 1 and 2 of data are
ASCII; the third data row (CSV row 4) holds the first non-ASCII byte.

    python3 Fixtures/Provenance/make-cp1258-csv.py
"""
import pathlib
import unicodedata

OUT = pathlib.Path(__file__).resolve().parent / "village-cp1258.csv"
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

ROWS = [
    "household_id,head,village,province_code,sanitation,waste,issued,expires",
    "18223-0001,Ha Van An,Thon 1,42,septic,sorting,2026-11-01,2027-10-31",
    "18223-0002,Ho Thi Lan,Thon 1,42,septic,sorting,2026-11-01,2027-10-31",
    "18223-0003,Nguyễn Thị Hồng,Thôn Trường Sơn,42,Hai ngăn,Ủ phân hữu cơ,2026-11-01,2027-10-31",
]


def windows_1258(text):
    """Each letter as its base (with any vowel mark) composed, followed by its tone as a combining mark."""
    out = []
    for character in text:
        decomposed = unicodedata.normalize("NFD", character)
        tones = "".join(c for c in decomposed if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def main():
    OUT.write_bytes(b"".join(windows_1258(row) + b"\r\n" for row in ROWS))


if __name__ == "__main__":
    main()
