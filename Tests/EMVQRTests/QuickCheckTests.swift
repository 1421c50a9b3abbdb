import PropertyBased
import Testing

@testable import EMVQR

/// The parser's two specialisations, the quick check that runs first and the explanation that runs when it gives
/// up, read the same fields; the quick check takes exactly the payloads that strict reading takes without a warning.
@Suite("Quick check and explanation agree")
struct QuickCheckTests {
    static func fields(_ payload: EMVPayload) -> [[Int]] {
        payload.allFields.map {
            [$0.tag, $0.offset, $0.valueOffset, $0.length, $0.depth, $0.isTemplate ? 1 : 0, $0.children.count]
        }
    }

    /// VietQR's nesting, as a scheme module declares it.
    static let napas = [EMVNesting(guid: "A000000727", child: 1)]

    static func agree(_ bytes: [UInt8]) {
        for nesting in [[], Self.napas] {
            let read = try? EMVPayload(parsing: bytes[...], nesting: nesting)
            let explained = try? EMVPayload.explain(bytes[...], mode: .lenient, nesting: nesting)
            #expect((read == nil) == (explained == nil))
            if let read, let explained {
                #expect(Self.fields(read) == Self.fields(explained))
                #expect(read.warnings == explained.warnings)
                #expect(read.lengthUnit == explained.lengthUnit)
            }
            var room = [EMVNode](repeating: .blank, count: 129)
            let quick = room.withUnsafeMutableBufferPointer { room in
                bytes.withUnsafeBufferPointer { EMVPayload.quickCheck($0, nesting: nesting, into: room.baseAddress!) }
            }
            let strict = try? EMVPayload.explain(bytes[...], mode: .strict, nesting: nesting)
            let plain = strict.map { $0.warnings.isEmpty && $0.lengthUnit == .utf8Bytes } ?? false
            #expect((quick != nil) == plain)
            if let quick, let strict {
                #expect(quick == strict.fieldCount)
                #expect(Self.fields(strict) == Self.fields(read!))
            }
        }
    }

    @Test("On every fixture", arguments: Fixtures.payloads)
    func fixtures(_ fixture: PayloadFixture) {
        Self.agree(Array(fixture.payload.utf8))
    }

    @Test("On mutations of the fixtures")
    func mutations() async {
        let seeds = Fixtures.valid.map { Array($0.payload.utf8) }
        let mutation = zip(Gen.int(in: 0..<seeds.count), Gen.int(in: 0...4096), Gen.int(in: 0...255))
        await propertyCheck(count: 2000, input: mutation) { seed, where_, byte in
            var bytes = seeds[seed]
            bytes[where_ % bytes.count] = UInt8(byte)
            Self.agree(bytes)
        }
    }

    /// A payload from its fields before tag 63, with the CRC appended.
    static func payload(_ body: String) -> [UInt8] {
        let covered = Array((body + "6304").utf8)
        return covered + CRC16.hexDigits(CRC16.checksum(covered))
    }

    @Test(
        "Fields out of order, repeated after a lower tag, at every level",
        arguments: [
            // In order; out of order without repeats; a repeat that only a look back finds.
            "000201010212" + "5303704" + "5406500000" + "5802VN",
            "000201010212" + "5802VN" + "5303704" + "5406500000",
            "000201010212" + "5802VN" + "5303704" + "5802VN",
            "000201010212" + "62210803abc0103def0803ghi",
            "000201010212" + "62140803abc0103def",
            "000201010212" + "3835" + "0010A000000727" + "0117" + "01031230006970436",
            "000201010212" + "3838" + "0010A000000727" + "0120" + "00069704360006970436",
            "000201010212" + "2622" + "0104abcd" + "0010A000000775",
            "000201010212" + "2630" + "0104abcd" + "0010A000000775" + "0104abcd",
        ])
    func order(_ body: String) {
        Self.agree(Self.payload(body))
    }

    @Test("A reader reuses its storage only when the last payload is gone")
    func readerReuse() throws {
        var reader = EMVReader()
        let p121 = Array(Fixtures.bench("P121").utf8)
        let first = try reader.read(p121)
        let second = try reader.read(Array(Fixtures.bench("P397").utf8))
        // The first payload is still held: its fields must not have been overwritten.
        #expect(first.fields.map(\.tag) == [0, 1, 38, 53, 54, 58, 62, 63])
        #expect(first["62.08"]?.string == "Thanh toan")
        #expect(second.primaryScheme?.name == "VietQR")
        #expect(second.schemes.count == 2)
    }
}
