import QRImaging
import Testing

/// Codes in Shift_JIS, ISO-8859-1 and UTF-8, with an ECI designator and without, read as the right text in the right
/// character set (scripts/make-charset-fixtures.py writes them with segno, an independent encoder).
@Suite struct TextEncodingTests {
    struct Code: CustomTestStringConvertible, Sendable {
        let file: String
        let encoding: String
        let eci: Bool
        let text: String
        var testDescription: String { file }
    }

    static let codes: [Code] = Fixtures.manifest(Fixtures.charsets).map {
        Code(file: $0[0], encoding: $0[1], eci: $0[2] == "yes", text: $0[3])
    }

    @Test func everyCharsetWithAndWithoutECI() {
        let kinds = Set(Self.codes.map { "\($0.encoding) \($0.eci)" })
        #expect(kinds.count == 6)
    }

    @Test(arguments: codes)
    func readsTextAndEncoding(_ code: Code) throws {
        let found = try QRScanner().scan(imageData: Fixtures.bytes(Fixtures.charsets + "/" + code.file))
        #expect(found.count == 1)
        #expect(found.first?.text == code.text)
        // libzbar converts byte-mode data that declares ECI 20 (Shift_JIS) to UTF-8 before handing it over, even when
        // asked for the raw bytes; what comes back is then UTF-8 text.
        let delivered = code.encoding == "Shift_JIS" && code.eci ? "UTF-8" : code.encoding
        #expect(found.first?.encoding?.rawValue == delivered)
        // The bytes decode in that charset to the text.
        #expect(found.first.flatMap { QRTextEncoding(rawValue: delivered)?.decode($0.bytes) } == code.text)
    }

    @Test func asciiIsUTF8() {
        #expect(QRTextEncoding.guess(Array("HELLO 123".utf8)) == .utf8)
    }

    @Test func utf8WithMultiByteCharacters() {
        #expect(QRTextEncoding.guess(Array("Nguyễn Văn Ánh".utf8)) == .utf8)
    }

    /// A byte-order mark alone makes it UTF-8.
    @Test func byteOrderMark() {
        #expect(QRTextEncoding.guess([0xEF, 0xBB, 0xBF, 0x41]) == .utf8)
    }

    /// Three double-byte characters in a row: Shift_JIS, even where the bytes would also pass as ISO-8859-1.
    @Test func shiftJISRun() {
        // 日本語
        let bytes: [UInt8] = [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA]
        #expect(QRTextEncoding.guess(bytes) == .shiftJIS)
        #expect(QRTextEncoding.shiftJIS.decode(bytes) == "日本語")
    }

    /// Latin-1 letters that are not valid UTF-8 and too few or too rare to be Shift_JIS.
    @Test func latin1Letters() {
        let bytes: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" au lait".utf8)
        #expect(QRTextEncoding.guess(bytes) == .isoLatin1)
        #expect(QRSymbol(bytes: bytes, corners: []).text == "Café au lait")
    }

    /// Binary data is text in none of them: no text, and the bytes stay exact.
    @Test func binaryHasNoText() {
        let bytes: [UInt8] = [0x00, 0xFF, 0x10, 0x80, 0x7F]
        let symbol = QRSymbol(bytes: bytes, corners: [])
        #expect(QRTextEncoding.guess(bytes) == nil)
        #expect(symbol.text == nil)
        #expect(symbol.encoding == nil)
        #expect(symbol.bytes == bytes)
    }

    /// C1 control codes are not ISO-8859-1 text.
    @Test func c1ControlsAreNotLatin1() {
        #expect(QRTextEncoding.isoLatin1.decode([0x41, 0x85]) == nil)
    }

    /// A Shift_JIS lead byte with no trail byte is not Shift_JIS.
    @Test func truncatedShiftJIS() {
        #expect(QRTextEncoding.shiftJIS.decode([0x93]) == nil)
    }

    /// Our rendering still declares UTF-8 with ECI 26, and reads back as UTF-8.
    @Test func ownRenderingIsUTF8() throws {
        let text = "Thanh toán hoá đơn"
        let png = try QRCode(encoding: text).png(PNGOptions(scale: 3))
        let found = try QRScanner().scan(imageData: png)
        #expect(found.first?.text == text)
        #expect(found.first?.encoding == .utf8)
    }
}
