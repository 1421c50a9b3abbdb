import EMVQR
import Testing

@Suite("Parsing")
struct ParserTests {
    let p121 = Fixtures.bench("P121")

    /// VietQR's nesting, as a scheme module declares it; EMVQR itself knows no scheme's.
    static let napas = [EMVNesting(guid: "A000000727", child: 1)]

    @Test("The field tree of a VietQR payload, read with VietQR's nesting")
    func vietQRTree() throws {
        let payload = try EMVPayload(parsing: Array(p121.utf8)[...], nesting: Self.napas)
        #expect(payload.fields.map(\.tag) == [0, 1, 38, 53, 54, 58, 62, 63])
        #expect(payload[0]?.string == "01")
        #expect(payload[1]?.string == "12")
        #expect(payload["38.00"]?.string == "A000000727")
        #expect(payload["38.01"]?.isTemplate == true)
        #expect(payload["38.01.00"]?.string == "970436")
        #expect(payload["38.01.01"]?.string == "0011012345678")
        #expect(payload["38.02"]?.string == "QRIBFTTA")
        #expect(payload[54]?.string == "50000")
        #expect(payload["62.08"]?.string == "Thanh toan")
        #expect(payload.crc == 0xAE7E)
        #expect(payload.lengthUnit == .utf8Bytes)
        #expect(payload.warnings.isEmpty)
    }

    @Test("Offsets, lengths and paths of fields")
    func positions() throws {
        let payload = try EMVPayload(parsing: p121)
        let amount = try #require(payload[54])
        #expect(amount.offset == 80)
        #expect(amount.valueOffset == 84)
        #expect(amount.length == 5)
        #expect(amount.path == "54")
        let nested = try EMVPayload(parsing: Array(p121.utf8)[...], nesting: Self.napas)
        let bin = try #require(nested["38.01.00"])
        #expect(bin.offset == 34)
        #expect(bin.depth == 2)
        #expect(bin.path == TagPath(38, 1, 0))
        #expect(bin.path.description == "38.01.00")
    }

    @Test("Without a scheme's nesting, 38.01 is a plain value and the scheme is still named")
    func noNesting() throws {
        let payload = try EMVPayload(parsing: p121)
        #expect(payload["38.01"]?.isTemplate == false)
        #expect(payload["38.01"]?.string == "0006970436" + "01130011012345678")
        #expect(payload["38.01.00"] == nil)
        #expect(payload.primaryScheme?.name == "VietQR")
        // Another GUID's 01 is not nested by VietQR's declaration.
        let other = try EMVPayload(
            parsing: Array(p121.utf8)[...], nesting: [EMVNesting(guid: "A000000775", child: 1)])
        #expect(other["38.01"]?.isTemplate == false)
    }

    @Test("A broken 38.01 reads generically, and fails only under VietQR's nesting, at 38.01")
    func brokenNested() throws {
        // 38.01 holds "0006970436" then a field whose length runs past 38.01's end.
        let body = "000201010212" + "3834" + "0010A000000727" + "0116" + "00069704360199ab" + "5303704" + "5802VN"
        let covered = Array((body + "6304").utf8)
        let bytes = covered + CRC16.hexDigits(CRC16.checksum(covered))
        let generic = try EMVPayload(parsing: bytes)
        #expect(generic.primaryScheme?.name == "VietQR")
        #expect(generic["38.01"]?.isTemplate == false)
        #expect(throws: EMVQRError.self) { try EMVPayload(parsing: bytes[...], nesting: Self.napas) }
        do {
            _ = try EMVPayload(parsing: bytes[...], nesting: Self.napas)
        } catch {
            #expect(error.code == .lengthOverrun)
            #expect(error.path == TagPath(38, 1, 1))
        }
    }

    @Test("Values are slices of the input, not copies")
    func zeroCopy() throws {
        let bytes = Array(p121.utf8)[...]
        let payload = try EMVPayload(parsing: bytes)
        let purpose = try #require(payload["62.08"])
        #expect(purpose.value.startIndex == bytes.startIndex + purpose.valueOffset)
        payload.bytes.withUnsafeBufferPointer { whole in
            purpose.value.withUnsafeBufferPointer { part in
                #expect(part.baseAddress == whole.baseAddress! + purpose.valueOffset)
            }
        }
    }

    @Test("Card-network tags 02–25 are primitive even when they look like TLV")
    func primitiveCardTags() throws {
        var s = EMVSerializer()
        try s.appendPrimitive(tag: 0, "01")
        try s.appendPrimitive(tag: 4, "0004ABCD")  // parses as TLV, but 04 is primitive
        try s.appendPrimitive(tag: 58, "VN")
        let payload = try EMVPayload(parsing: try s.finalize())
        #expect(payload[4]?.isTemplate == false)
        #expect(payload[4]?.children.isEmpty == true)
    }

    @Test("62/50–99 are payment-system templates")
    func additionalDataTemplates() throws {
        var s = EMVSerializer()
        try s.appendPrimitive(tag: 0, "01")
        try s.appendTemplate(tag: 62) { t in
            try t.appendPrimitive(tag: 8, "Mua rau")
            try t.appendTemplate(tag: 50) { u in try u.appendPrimitive(tag: 0, "X") }
        }
        let payload = try EMVPayload(parsing: try s.finalize())
        #expect(payload["62.50.00"]?.string == "X")
    }

    @Test("Lengths that count characters are read as characters, and reported")
    func characterLengths() throws {
        let fixture = try #require(Fixtures.payloads.first { $0.name == "emvco-chinese-characters" })
        let payload = try EMVPayload(parsing: fixture.payload)
        #expect(payload.lengthUnit == .characters)
        #expect(payload["64.01"]?.string == "最佳运输")
        #expect(payload["64.01"]?.length == 4)
        #expect(payload["64.01"]?.value.count == 12)
        #expect(payload["64.02"]?.string == "北京")
        #expect(payload[54]?.string == "23.72")
        #expect(payload.serialized() == Array(fixture.payload.utf8))
        #expect(payload.primaryScheme == nil)
    }

    @Test("UTF-8 byte lengths with Vietnamese text")
    func vietnameseBytes() throws {
        let fixture = try #require(Fixtures.payloads.first { $0.name == "vietnamese-alt-language" })
        let payload = try EMVPayload(parsing: fixture.payload)
        #expect(payload.lengthUnit == .utf8Bytes)
        #expect(payload["64.01"]?.string == "Cửa hàng Thôn 9")
        #expect(payload["64.02"]?.string == "Hà Tĩnh")
    }

    @Test("An error message names the tag, the byte and the payload's size")
    func message() {
        #expect {
            _ = try EMVPayload(parsing: String(p121.prefix(86)))
        } throws: { error in
            guard let error = error as? EMVQRError else { return false }
            return error.code == .lengthOverrun && error.offset == 80 && error.path == "54"
                && error.message.contains("86-byte payload")
        }
    }

    @Test("A 10 MB line is refused at once")
    func hugeInput() {
        let huge = [UInt8](repeating: 0x30, count: 10_000_000)
        #expect(throws: EMVQRError(code: .oversizedPayload, offset: 512, path: .root, message: "")) {
            _ = try EMVPayload(parsing: huge)
        }
    }
}

/// Lenient reading of real payloads that break the grammar in ways their issuers' wallets accept.
@Suite("Lenient gaps")
struct LenientGapTests {
    /// A payload from its fields before tag 63, with the CRC appended.
    static func payload(_ body: String) -> [UInt8] {
        let covered = Array((body + "6304").utf8)
        return covered + CRC16.hexDigits(CRC16.checksum(covered))
    }

    /// The shape of EMVCo's own sample as mvallim/emv-qrcode reproduces it: 62 ends with `5004ijkl`, a plain value
    /// where 62.50–99 are payment-system templates.
    static let sample = payload(
        "000201010211" + "52044111" + "5303156" + "5802CN" + "5914BEST TRANSPORT" + "6007BEIJING"
            + "6233" + "0303***" + "0708A6008667" + "0902ME" + "5004ijkl")

    @Test("Lenient reading keeps 62.50 \"ijkl\" as a plain value, with a warning at 62.50")
    func additionalDataTemplateLenient() throws {
        let payload = try EMVPayload(parsing: Self.sample)
        let field = try #require(payload["62.50"])
        #expect(field.isTemplate == false)
        #expect(field.string == "ijkl")
        #expect(field.children.isEmpty)
        #expect(payload["62.07"]?.string == "A6008667")
        #expect(payload.serialized() == Self.sample)
        #expect(payload.warnings.count == 1)
        #expect(payload.warnings.first?.path == TagPath(62, 50))
        #expect(payload.warnings.first?.code == .invalidDigit)
        #expect(payload.warnings.first?.offset == field.valueOffset)
    }

    @Test("Strict reading refuses 62.50 \"ijkl\"")
    func additionalDataTemplateStrict() {
        #expect(throws: EMVQRError.self) { try EMVPayload(parsing: Self.sample, mode: .strict) }
        do {
            _ = try EMVPayload(parsing: Self.sample, mode: .strict)
        } catch {
            #expect(error.code == .invalidDigit)
            #expect(error.path == TagPath(62, 50))
        }
    }

    @Test("A well-formed 62.50 template still reads as a template, and a broken one drops only its own warnings")
    func additionalDataTemplateWellFormed() throws {
        let nested = try EMVPayload(
            parsing: Self.payload("000201010211" + "5303704" + "5802VN" + "6212" + "5008" + "0004abcd"))
        #expect(nested["62.50"]?.isTemplate == true)
        #expect(nested["62.50.00"]?.string == "abcd")
        // A duplicate inside the broken template is forgotten with it; the plain value is what is reported.
        let broken = try EMVPayload(
            parsing: Self.payload("000201010211" + "5303704" + "5802VN" + "6215" + "5011" + "0001a0001b9"))
        #expect(broken["62.50"]?.isTemplate == false)
        #expect(broken.warnings.map(\.path) == [TagPath(62, 50)])
    }
}
