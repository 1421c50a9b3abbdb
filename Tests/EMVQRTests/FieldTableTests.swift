import PropertyBased
import Testing

@testable import EMVQR

/// A field table must read exactly what an `EMVPayload` reads: the same fields, warnings, errors and length unit.
@Suite("EMVFieldTable")
struct FieldTableTests {
    static func fields(_ payload: EMVPayload) -> [EMVFieldTable.Field] {
        Array(payload.fieldTable)
    }

    static func fields(_ table: borrowing EMVFieldTable) -> [EMVFieldTable.Field] {
        (0..<table.count).map { table[$0] }
    }

    /// Parses `bytes` into `table` three ways (array, slice, raw buffer) and compares each with `EMVPayload`.
    static func agree(_ bytes: [UInt8], _ table: inout EMVFieldTable, mode: EMVPayload.ReadingMode = .lenient) {
        let expected = Result { () throws(EMVQRError) in try EMVPayload(parsing: bytes, mode: mode) }
        let padded = [0x20, 0x20] + bytes + [0x20]
        for how in ["array", "slice", "raw"] {
            let attempt = Result { () throws(EMVQRError) in
                switch how {
                case "array": try table.parse(bytes, mode: mode)
                case "slice": try table.parse(padded[2..<(2 + bytes.count)], mode: mode)
                default:
                    let result = bytes.withUnsafeBytes { raw in
                        Result { () throws(EMVQRError) in try table.parse(raw, mode: mode) }
                    }
                    try result.get()
                }
            }
            switch (expected, attempt) {
            case (.success(let payload), .success):
                #expect(Self.fields(table) == Self.fields(payload), "\(how)")
                #expect(table.warnings == payload.warnings, "\(how)")
                #expect(table.lengthUnit == payload.lengthUnit, "\(how)")
            case (.failure(let error), .failure(let found)):
                #expect(found.code == error.code, "\(how)")
                #expect(found.offset == error.offset, "\(how)")
                #expect(found.path == error.path, "\(how)")
                #expect(found.message == error.message, "\(how)")
                #expect(table.count == 0, "\(how)")
            default:
                Issue.record("\(how): the table and EMVPayload disagree on \(String(decoding: bytes, as: UTF8.self))")
            }
        }
    }

    @Test("Reads every fixture as EMVPayload does, in both modes", arguments: Fixtures.payloads)
    func fixtures(_ fixture: PayloadFixture) {
        var table = EMVFieldTable()
        Self.agree(Array(fixture.payload.utf8), &table)
        Self.agree(Array(fixture.payload.utf8), &table, mode: .strict)
    }

    @Test("Reads mutations of the fixtures as EMVPayload does, reusing one table")
    func mutations() async {
        let seeds = Fixtures.payloads.map { Array($0.payload.utf8) }.filter { !$0.isEmpty }
        let mutation = zip(Gen.int(in: 0..<seeds.count), Gen.int(in: 0...4096), Gen.int(in: 0...255))
        var table = EMVFieldTable()
        await propertyCheck(count: 1000, input: mutation) { seed, where_, byte in
            var bytes = seeds[seed]
            bytes[where_ % bytes.count] = UInt8(byte)
            Self.agree(bytes, &table)
        }
    }

    @Test("Offsets, paths and values of P121")
    func p121() throws {
        let bytes = Array(Fixtures.bench("P121").utf8)
        var table = EMVFieldTable()
        try table.parse(bytes, nesting: [EMVNesting(guid: "A000000727", child: 1)])
        #expect(table.count == 14)
        let purposeIndex = table.firstIndex(of: TagPath(62, 8))
        let purpose = try #require(purposeIndex)
        #expect(String(decoding: table.value(at: purpose, in: bytes[...]), as: UTF8.self) == "Thanh toan")
        let binIndex = table.firstIndex(of: TagPath(38, 1, 0))
        let bin = try #require(binIndex)
        #expect(table[bin].depth == 2)
        #expect(String(decoding: table.value(at: bin, in: bytes[...]), as: UTF8.self) == "970436")
        let beneficiaryIndex = table.firstIndex(of: TagPath(38, 1))
        let beneficiary = try #require(beneficiaryIndex)
        #expect(table[beneficiary].isTemplate)
        #expect(table[beneficiary].descendants == (beneficiary + 1)..<(beneficiary + 3))
        #expect(table.firstIndex(of: TagPath(38, 9)) == nil)
        #expect(table.firstIndex(of: TagPath(99)) == nil)
        #expect(table.firstIndex(of: TagPath()) == nil)
        // A value of a slice is a slice of it, wherever it starts.
        let padded = [0x30, 0x30] + bytes
        try table.parse(padded[2...], nesting: [EMVNesting(guid: "A000000727", child: 1)])
        #expect(String(decoding: table.value(at: purpose, in: padded[2...]), as: UTF8.self) == "Thanh toan")
    }

    @Test("A failed parse leaves the table empty, and the next one fills it")
    func failureEmpties() throws {
        var table = EMVFieldTable()
        try table.parse(Array(Fixtures.bench("P397").utf8))
        #expect(table.count > 14)
        var broken = Array(Fixtures.bench("P121").utf8)
        broken[broken.count - 1] = 0x30
        #expect(throws: EMVQRError.self) { try table.parse(broken) }
        #expect(table.count == 0)
        #expect(throws: EMVQRError.self) { try table.parse([UInt8]()) }
        try table.parse(Array(Fixtures.bench("P121").utf8))
        #expect(table.count == 12)
    }
}
