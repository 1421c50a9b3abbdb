#!/usr/bin/env python3
"""Writes payloads.tsv: the EMVQR parser's fixtures, each with the outcome it must have.

Columns: name, lenient outcome, strict outcome, payload, source.
An outcome is `valid`, `valid` followed by ` warn=CODE@OFFSET:PATH` for each warning, or `error=CODE@OFFSET:PATH`.

Published payloads are copied verbatim (their source is named). Derived ones start from a published payload and
change one thing; where the change should leave the CRC valid, the CRC is recomputed here, independently of the
Swift code, with a bitwise CRC-16/CCITT-FALSE.
"""

import pathlib


def crc16(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def seal(body: str) -> str:
    """Appends 6304 and the CRC of the UTF-8 bytes up to it."""
    head = body + "6304"
    return head + format(crc16(head.encode()), "04X")


def tlv(tag: str, value: str) -> str:
    return tag + format(len(value.encode()), "02d") + value


assert crc16(b"123456789") == 0x29B1

P121 = ("00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA"
        "53037045405500005802VN62140810Thanh toan6304AE7E")
BODY = P121[:-8]
rows = []


def add(name, lenient, strict, payload, source):
    rows.append((name, lenient, strict or lenient, payload, source))


# Published payloads: all valid.
published = [
    ("bench-P121", P121, "../shared/bench/payloads.txt"),
    ("napas-ibft-dynamic",
     "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN"
     "62340107NPS68690819thanh toan don hang63042E2E", "NAPAS VietQR specification example, via vietqrjs"),
    ("napas-qrpush",
     "00020101021238580010A00000072701300006970403011621129950446040250206QRPUSH52045812530370454061800005802VN"
     "5910PHUONG CAC6005HANOI62110307NPS686963047C1B", "NAPAS VietQR specification example, via vietqrjs"),
    ("napas-qrcash-alt-language",
     "00020101021238500010A000000727012200069704030108123456780206QRCASH5204601153037045802VN5915NGUYEN HUU HUAN"
     "6005HANOI6105100006237052120190109155714228384707080000111164260002en0107shop vn0205Hanoi630476DA",
     "NAPAS VietQR specification example, via vietqrjs"),
    ("vietqr-io-donation",
     "00020101021238560010A0000007270126000697041501121133666688880208QRIBFTTA53037045405790005802VN"
     "62220818Ung Ho Quy Vac Xin63043ACF", "vietqr.io documentation sample"),
    ("vietqr-static",
     "00020101021138560010A0000007270126000697041501121133666688880208QRIBFTTA53037045802VN6304F443",
     "giautm/emvqr-go tests"),
    ("vietnam-qr-pay-dynamic",
     "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA5303704540410005802VN"
     "62150811Chuyen tien6304BBB8", "xuannghia/vietnam-qr-pay test/test-vietqr.spec.ts"),
    ("napas-qr-python-card",
     "00020101021238630010A00000072701330006970436011997043686255816010180208QRIBFTTC5303704540720000005802VN"
     "6304A2DC", "napas-qr-python README"),
    ("vnpay",
     "00020101021126280010A000000775011001087990425204597753037045802VN5909MYPHAMHER6005HANOI"
     "62260311MY PHAM HER0707MPHER0163041C50", "VNPay merchant sticker, published in a VNPay QR parser's tests"),
    ("promptpay-transfer",
     "00020101021129370016A000000677010111011300668012345675802TH530376463046197", "promptpay (PyPI) tests"),
    ("promptpay-bill",
     "00020101021130620016A000000677010112011301122334455660211CUSTOMER0010306INV00153037645802TH"
     "62070703SCB6304780E", "Thai QR bill payment sample"),
    ("pix-bcb-manual",
     "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR"
     "5913Fulano de Tal6008BRASILIA62070503***63041D3D", "Banco Central do Brasil, Manual de Padroes para Pix"),
    ("pix-uppercase-guid",
     "00020126530014BR.GOV.BCB.PIX0131backendtest@superpagamentos.com52040000530398654075000.005802BR"
     "5901N6001C6205050116304ACDA", "public PIX parser tests"),
    ("paynow",
     "00020101021226520009SG.PAYNOW010120213S99345678ABCD03011040899991231520400005303702540512.345802SG"
     "5912ACME Pte Ltd6009Singapore62110107INV123463041E74", "PayNow generator tests"),
    ("qris-shopeepay",
     "00020101021126550016ID.CO.SHOPEE.WWW01189360091800000000180202180303UBE51440014ID.CO.QRIS.WWW"
     "0215ID20190022915550303UBE5204839853033605802ID5906Baznas6013Jakarta Pusat61051034062070703A016304A402",
     "QRIS parser API documentation"),
    ("duitnow-alt-language",
     "00020101021226600014A000000615000101068900460228JjXrENybjHu7ag3sShhEmDUh3amy520472985303458540115802MY"
     "5917AsiaPay-POS Sub 16006Kangar624005073UktVjo0725FUXkHSHGrI6uP98B4JsvUpybc64270002EN0117AsiaPay-POS Sub 1"
     "63047BF7", "AsiaPay DuitNow sample"),
    ("sgqr",
     "0002010102111531480007024800070280007025499435326590011COM.REMOPAY0110200000033802040000030400010404000099"
     "020127330015SG.COM.DASH.WWW0110100210041328650017COM.QQ.WEIXIN.PAY0110100000033702040000030400010404000099"
     "020129720013sg.com.ezlink0114FMP-10000003380204SGQR0317NPL-0001-0000000004046AF951800007SG.SGQR"
     "01121809072DDA29020701.00010306058602040200050200060400000708201809155204000053037025802SG5909hisenyuan"
     "6009Singapore63044F90", "SGQR specification sample"),
]
for name, payload, source in published:
    assert crc16(payload[:-4].encode()) == int(payload[-4:], 16), name
    add(name, "valid", None, payload, source)

# MoMo writes a plain value in tag 80, which EMVCo reserves for templates: lenient reading keeps it as a value.
MOMO = ("00020101021138620010A00000072701320006970454011899MM24011M348750800208QRIBFTTA53037045802VN"
        "62190515MOMOW2W3487508080030466304EBC8")
assert crc16(MOMO[:-4].encode()) == 0xEBC8
add("momo-static-80-primitive", "valid warn=templateUnderfilled@118:80", "error=templateUnderfilled@118:80", MOMO,
    "xuannghia/vietnam-qr-pay tests (a MoMo wallet code)")

# EMVCo's own sample: Chinese in tag 64, lengths in characters, CRC over UTF-8 bytes.
EMVCO = ("00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN"
         "5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***"
         "0708A60086670902ME91320016A0112233449988770708123456786304A13A")
assert crc16(EMVCO[:-4].encode()) == 0xA13A
add("emvco-chinese-characters", "valid warn=characterLengths@0:", "error=characterLengths@0:", EMVCO,
    "EMVCo QRCPS-MPM v1.1, Appendix A sample")

# The same content with lengths in UTF-8 bytes: consistent under bytes only.
BYTES64 = tlv("64", tlv("00", "ZH") + tlv("01", "最佳运输") + tlv("02", "北京"))
add("emvco-chinese-bytes", "valid", None,
    seal("000201010212" + "5802CN5914BEST TRANSPORT6007BEIJING" + BYTES64 + "5303156"), "derived from EMVCo sample")

# Vietnamese in tag 64, lengths in UTF-8 bytes.
add("vietnamese-alt-language", "valid", None,
    seal(BODY + tlv("64", tlv("00", "vi") + tlv("01", "Cửa hàng Thôn 9") + tlv("02", "Hà Tĩnh"))),
    "derived from bench-P121")

# Deviations that lenient reading accepts.
add("lowercase-crc", "valid warn=lowercaseCRC@117:63", "error=lowercaseCRC@117:63", P121[:-4] + "ae7e",
    "bench-P121 with its CRC in lowercase")
duitnow02 = seal("000202" + BODY[6:])
add("format-indicator-02", "valid warn=unexpectedFormatIndicator@4:00", "error=unexpectedFormatIndicator@4:00",
    duitnow02, "bench-P121 with payload format indicator 02, as DuitNow codes carry")
dup = seal(BODY + "5802VN")
add("duplicate-top-level", "valid warn=duplicateTag@113:58", "error=duplicateTag@113:58", dup,
    "bench-P121 with tag 58 twice")
srilanka = seal(BODY[:95] + tlv("62", "0002LK" + "0810Thanh toan"))
add("reserved-subtag-62-00", "valid warn=reservedTag@99:62.00", "error=reservedTag@99:62.00", srilanka,
    "bench-P121 with 62/00, as Sri Lankan codes carry")
rfu = seal(BODY + "7003abc")
add("reserved-top-level-70", "valid warn=reservedTag@113:70", "error=reservedTag@113:70", rfu,
    "bench-P121 with reserved tag 70")
unreserved = seal(BODY + tlv("80", tlv("00", "com.example.loyalty") + tlv("01", "MEMBER-1")))
add("unreserved-template-80", "valid", None, unreserved, "bench-P121 with an unreserved template")
out_of_order = seal("000201010212" + "5802VN5303704" + BODY[12:73] + "5405500006214" + "0810Thanh toan")
add("fields-out-of-order", "valid", None, out_of_order, "bench-P121 with 58 and 53 before 38")

# Errors, in both modes.
def err(name, code, offset, path, payload, source):
    add(name, f"error={code}@{offset}:{path}", None, payload, source)


err("empty", "emptyPayload", 0, "", "", "nothing")
err("truncated-header", "truncatedHeader", 6, "", "00020101", "a payload cut inside a header")
err("sign-in-length", "invalidDigit", 8, "01", "00020101+212" + P121[12:], "a sign where a length digit belongs")
err("space-in-id", "invalidDigit", 6, "", "000201 1" + P121[8:], "a space where an ID digit belongs")
err("length-overrun", "lengthOverrun", 80, "54", P121[:86], "bench-P121 cut inside tag 54")
err("child-overrun", "lengthOverrun", 99, "62.08", BODY[:95] + "62140811Thanh toan" + P121[113:],
    "bench-P121 with 62/08 one byte too long")
err("template-underfilled", "templateUnderfilled", 113, "62", BODY[:95] + "62150810Thanh toan6" + P121[113:],
    "bench-P121 with tag 62 one byte longer than its child")
err("format-indicator-missing", "formatIndicatorNotFirst", 0, "", P121[6:], "bench-P121 without tag 00")
err("crc-missing", "crcMissing", 113, "63", BODY, "bench-P121 without tag 63")
err("crc-not-last", "crcNotLast", 113, "63", P121 + "5802VN", "bench-P121 with a field after tag 63")
err("crc-length", "crcLength", 113, "63", BODY + "6303AE7", "bench-P121 with a 3-digit CRC")
err("crc-dropped-padding", "lengthOverrun", 6, "63", seal("000201")[:-4] + "C02",
    "a CRC written without its leading zero, as some libraries have shipped")
err("crc-not-hex", "crcNotHex", 120, "63", P121[:-1] + "G", "bench-P121 with a G in its CRC")
err("crc-mismatch", "crcMismatch", 117, "63", P121[:-1] + "F", "bench-P121 with its CRC off by one")
err("oversized", "oversizedPayload", 512, "",
    seal("000201" + "".join(tlv("80", tlv("00", "x" * 94)) for _ in range(6))), "six 100-byte templates")
err("letters-in-length", "invalidDigit", 14, "38", "000201010212" + "38zz" + P121[16:],
    "letters where the length of tag 38 belongs")

out = pathlib.Path(__file__).with_name("payloads.tsv")
with out.open("w", encoding="utf-8") as f:
    f.write("# name\tlenient\tstrict\tpayload\tsource   (written by make_fixtures.py)\n")
    for row in rows:
        assert all("\t" not in c and "\n" not in c for c in row)
        f.write("\t".join(row) + "\n")
print(f"wrote {len(rows)} fixtures to {out}")
