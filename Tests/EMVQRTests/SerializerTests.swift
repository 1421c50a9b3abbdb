import EMVQR
import Testing

@Suite("Serializing")
struct SerializerTests {
    @Test("Building P121 field by field gives the published bytes")
    func buildP121() throws {
        var s = EMVSerializer()
        try s.appendPrimitive(tag: 0, "01")
        try s.appendPrimitive(tag: 1, "12")
        try s.appendTemplate(tag: 38) { account in
            try account.appendPrimitive(tag: 0, "A000000727")
            try account.appendTemplate(tag: 1) { beneficiary in
                try beneficiary.appendPrimitive(tag: 0, "970436")
                try beneficiary.appendPrimitive(tag: 1, "0011012345678")
            }
            try account.appendPrimitive(tag: 2, "QRIBFTTA")
        }
        try s.appendPrimitive(tag: 53, "704")
        try s.appendPrimitive(tag: 54, "50000")
        try s.appendPrimitive(tag: 58, "VN")
        try s.appendTemplate(tag: 62) { try $0.appendPrimitive(tag: 8, "Thanh toan") }
        #expect(try s.finalize() == Array(Fixtures.bench("P121").utf8))
    }

    @Test("A tag outside 00–99 is refused with its path")
    func tagRange() {
        var s = EMVSerializer()
        #expect(throws: EMVQRError(code: .tagOutOfRange, offset: 0, path: "62", message: "")) {
            try s.appendTemplate(tag: 62) { try $0.appendPrimitive(tag: 100, "x") }
        }
        #expect(throws: EMVQRError(code: .tagOutOfRange, offset: 0, path: .root, message: "")) {
            try s.appendPrimitive(tag: -1, "x")
        }
    }

    @Test("A value over 99 bytes is refused, counting UTF-8 bytes")
    func valueLength() throws {
        var s = EMVSerializer()
        try s.appendPrimitive(tag: 59, String(repeating: "a", count: 99))
        #expect(throws: EMVQRError(code: .valueTooLong, offset: 103, path: "60", message: "")) {
            try s.appendPrimitive(tag: 60, String(repeating: "ă", count: 50))  // 100 bytes
        }
    }

    @Test("Tag 63 belongs to finalize()")
    func crcTag() {
        var s = EMVSerializer()
        #expect(throws: EMVQRError(code: .reservedForSerializer, offset: 0, path: "63", message: "")) {
            try s.appendPrimitive(tag: 63, "ABCD")
        }
    }

    @Test("The CRC is zero-padded: a payload whose CRC is below 0x1000 keeps four digits")
    func padding() throws {
        // Find a payload whose CRC has a leading zero digit.
        for n in 0..<1000 {
            var s = EMVSerializer()
            try s.appendPrimitive(tag: 0, "01")
            try s.appendPrimitive(tag: 59, "\(n)")
            let bytes = try s.finalize()
            let payload = try EMVPayload(parsing: bytes)
            if payload.crc < 0x1000 {
                #expect(Array(bytes.suffix(8).prefix(4)) == Array("6304".utf8))
                #expect(bytes.count == 6 + 4 + "\(n)".count + 8)
                #expect(bytes[bytes.count - 4] == 0x30)  // the leading zero digit is written
                #expect(String(decoding: bytes.suffix(4), as: UTF8.self) == CRC16.hexString(payload.crc))
                return
            }
        }
        Issue.record("no payload with a CRC below 0x1000 among 1000 tries")
    }

    @Test("An oversized payload is refused at finalize()")
    func oversized() throws {
        var s = EMVSerializer()
        try s.appendPrimitive(tag: 0, "01")
        for _ in 0..<6 { try s.appendPrimitive(tag: 80, String(repeating: "x", count: 99)) }
        #expect(throws: EMVQRError(code: .oversizedPayload, offset: 512, path: .root, message: "")) {
            _ = try s.finalize()
        }
    }
}

@Suite("Schemes")
struct SchemeTests {
    @Test(
        "Each published fixture is recognised as its scheme",
        arguments: [
            ("bench-P121", ["VietQR"]),
            ("vnpay", ["VNPay"]),
            ("promptpay-transfer", ["PromptPay"]),
            ("promptpay-bill", ["PromptPay"]),
            ("pix-bcb-manual", ["PIX"]),
            ("pix-uppercase-guid", ["PIX"]),
            ("paynow", ["PayNow"]),
            ("qris-shopeepay", ["QRIS"]),
            ("duitnow-alt-language", ["DuitNow"]),
            ("sgqr", ["SGQR"]),
            ("emvco-chinese-characters", []),
        ])
    func recognise(_ name: String, _ expected: [String]) throws {
        let fixture = try #require(Fixtures.payloads.first { $0.name == name })
        let payload = try EMVPayload(parsing: fixture.payload)
        #expect(payload.schemes.map(\.scheme.name) == expected)
        #expect(payload.primaryScheme?.name == expected.first)
    }

    @Test("A payload can carry several schemes; VietQR comes first")
    func several() throws {
        let payload = try EMVPayload(parsing: Fixtures.bench("P397"))
        #expect(payload.schemes.map(\.scheme.name) == ["VietQR", "PIX"])
        #expect(payload.schemes.map(\.tag) == [38, 26])
    }

    @Test("KHQR is recognised by its name@bank account ID")
    func khqr() throws {
        var s = EMVSerializer()
        try s.appendPrimitive(tag: 0, "01")
        try s.appendTemplate(tag: 29) { try $0.appendPrimitive(tag: 0, "jonhsmith@devb") }
        try s.appendPrimitive(tag: 58, "KH")
        let payload = try EMVPayload(parsing: try s.finalize())
        #expect(payload.primaryScheme?.name == "KHQR")
    }

    @Test("A caller's own scheme table extends recognition")
    func extend() throws {
        var s = EMVSerializer()
        try s.appendPrimitive(tag: 0, "01")
        try s.appendTemplate(tag: 27) { try $0.appendPrimitive(tag: 0, "COM.MYPAY") }
        let payload = try EMVPayload(parsing: try s.finalize())
        #expect(payload.schemes.isEmpty)
        let mine = EMVScheme(name: "MyPay", tags: [27], guid: .caseInsensitive("com.mypay"))
        #expect(payload.schemes(among: EMVScheme.known + [mine]).map(\.scheme.name) == ["MyPay"])
    }
}
