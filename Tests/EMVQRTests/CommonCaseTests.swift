import PropertyBased
import Testing

@testable import EMVQR

/// The common-case path and the full parser must agree on every payload the common case accepts.
@Suite("Common case and full parser agree")
struct CommonCaseTests {
    static func fields(_ payload: EMVPayload) -> [[Int]] {
        payload.allFields.map {
            [$0.tag, $0.offset, $0.valueOffset, $0.length, $0.depth, $0.isTemplate ? 1 : 0, $0.children.count]
        }
    }

    static func agree(_ bytes: [UInt8]) {
        let quick = try? EMVPayload(parsing: bytes)
        let full = try? EMVPayload(parsingFully: bytes[...])
        #expect((quick == nil) == (full == nil))
        if let quick, let full {
            #expect(Self.fields(quick) == Self.fields(full))
            #expect(quick.warnings == full.warnings)
            #expect(quick.lengthUnit == full.lengthUnit)
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
