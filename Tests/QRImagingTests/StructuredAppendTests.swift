import QRImaging
import Testing

/// Parts of a structured-append group (scripts/make-charset-fixtures.py, with segno) read as exactly their data bytes:
/// no 0x00 where zbar marks the parts it did not see.
@Suite struct StructuredAppendTests {
    struct Image: CustomTestStringConvertible, Sendable {
        let file: String
        let partsFound: Int
        let complete: Bool
        let text: String
        var testDescription: String { file }
    }

    static let images: [Image] = Fixtures.manifest(Fixtures.structuredAppend).map {
        Image(file: $0[0], partsFound: Int($0[1])!, complete: $0[2] == "yes", text: $0[3])
    }

    @Test(arguments: images)
    func exactDataBytes(_ image: Image) throws {
        let bytes = Fixtures.bytes(Fixtures.structuredAppend + "/" + image.file)
        for found in [try QRScanner().scan(imageData: bytes), QRScanner().scanOnce(try GrayImage(decoding: bytes))] {
            #expect(found.count == 1)
            #expect(found.first?.bytes == Array(image.text.utf8))
            #expect(
                found.first?.structuredAppend
                    == QRStructuredAppend(partsFound: image.partsFound, complete: image.complete))
            #expect(found.first?.structuredAppend?.count == (image.complete ? image.partsFound : nil))
            #expect(found.first?.structuredAppend?.partIndices == (image.complete ? Array(1...image.partsFound) : nil))
        }
    }

    /// A code outside any group says so, and keeps a leading 0x00 that is its own data.
    @Test func plainCodeKeepsItsBytes() throws {
        let data: [UInt8] = [0x00, 0x41, 0x42]
        let found = try QRScanner().scan(imageData: QRCode(encoding: data).png(PNGOptions(scale: 3)))
        #expect(found.first?.bytes == data)
        #expect(found.first?.structuredAppend == nil)
    }
}
