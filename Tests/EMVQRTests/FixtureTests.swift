import EMVQR
import Foundation
import Testing

@Suite("Fixtures/emvqr/payloads.tsv")
struct FixtureTests {
    @Test("Lenient reading gives the stated outcome", arguments: Fixtures.payloads)
    func lenient(_ fixture: PayloadFixture) {
        check(fixture, mode: .lenient, expected: fixture.lenient)
    }

    @Test("Strict reading gives the stated outcome", arguments: Fixtures.payloads)
    func strict(_ fixture: PayloadFixture) {
        check(fixture, mode: .strict, expected: fixture.strict)
    }

    func check(_ fixture: PayloadFixture, mode: EMVPayload.ReadingMode, expected: PayloadFixture.Outcome) {
        let outcome: PayloadFixture.Outcome
        do {
            let payload = try EMVPayload(parsing: fixture.payload, mode: mode)
            outcome = .valid(warnings: payload.warnings.map(\.diagnostic))
        } catch {
            outcome = .error(error.diagnostic)
        }
        #expect(outcome == expected, "\(fixture.name) (\(fixture.source))")
    }

    @Test("Every valid fixture re-serializes byte for byte", arguments: Fixtures.valid)
    func roundTrip(_ fixture: PayloadFixture) throws {
        let bytes = Array(fixture.payload.utf8)
        let payload = try EMVPayload(parsing: bytes)
        #expect(payload.serialized() == bytes)

        // The serializer's raw append gives the same bytes, field by field.
        var serializer = EMVSerializer()
        for field in payload.fields { serializer.append(field) }
        #expect(serializer.bytes == bytes)
    }

    @Test("Every valid fixture parses from [UInt8], ArraySlice and String alike", arguments: Fixtures.valid)
    func inputForms(_ fixture: PayloadFixture) throws {
        let bytes = Array(fixture.payload.utf8)
        let padded = [0x20, 0x20] + bytes + [0x20]
        let fromArray = try EMVPayload(parsing: bytes)
        let fromSlice = try EMVPayload(parsing: padded[2..<(2 + bytes.count)])
        let fromString = try EMVPayload(parsing: fixture.payload)
        for other in [fromSlice, fromString] {
            #expect(other.allFields.map(\.tag) == fromArray.allFields.map(\.tag))
            #expect(other.allFields.map(\.offset) == fromArray.allFields.map(\.offset))
            #expect(other.allFields.map { Array($0.value) } == fromArray.allFields.map { Array($0.value) })
        }
    }
}
