import EMVQR
import Testing

@Suite("Parsing")
struct ParserTests {
    let p121 = Fixtures.bench("P121")

    @Test("The field tree of a VietQR payload")
    func vietQRTree() throws {
        let payload = try EMVPayload(parsing: p121)
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
        let bin = try #require(payload["38.01.00"])
        #expect(bin.offset == 34)
        #expect(bin.depth == 2)
        #expect(bin.path == TagPath(38, 1, 0))
        #expect(bin.path.description == "38.01.00")
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
