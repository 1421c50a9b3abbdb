import Foundation
import Provenance
import Testing

/// Provenance normalizes and trims text with the standard library alone, so that no command loads ICU at start. These
/// tests hold it to Foundation's own NFC and whitespace trimming.
@Suite struct TextNormalizationTests {
    /// Every precomposed Latin letter, every Latin letter followed by each combining mark, and Vietnamese letters
    /// with two marks in either order.
    static let samples: [String] = {
        var samples: [String] = []
        for value in UInt32(0xC0)...0x24F { samples.append(String(Unicode.Scalar(value)!)) }
        for value in UInt32(0x1E00)...0x1EFF { samples.append(String(Unicode.Scalar(value)!)) }
        for base in Array("AaEeIiOoUuYyDdNnCcGgHhSsZz".unicodeScalars) {
            for mark in UInt32(0x300)...0x36F {
                samples.append(String(String.UnicodeScalarView([base, Unicode.Scalar(mark)!])))
            }
        }
        for base in Array("aeiouyAEIOUY".unicodeScalars) {
            for (first, second) in [(0x302, 0x301), (0x301, 0x302), (0x306, 0x323), (0x323, 0x306), (0x31B, 0x303)] {
                let marks = [Unicode.Scalar(UInt32(first))!, Unicode.Scalar(UInt32(second))!]
                samples.append(String(String.UnicodeScalarView([base] + marks)))
            }
        }
        // Singletons and Hangul: U+212B ANGSTROM SIGN is Å; conjoining jamo compose into one syllable.
        samples += ["\u{212B}", "\u{1100}\u{1161}\u{11A8}", "Nguye\u{302}\u{303}n Thi\u{323} Ho\u{302}\u{300}ng"]
        return samples
    }()

    @Test func nfcIsFoundationsCanonicalComposition() {
        let differing = Self.samples.filter {
            Array($0.nfc.utf8) != Array($0.precomposedStringWithCanonicalMapping.utf8)
        }
        #expect(Self.samples.count > 3000)
        #expect(differing.isEmpty, "differs from Foundation: \(differing.map { $0.unicodeScalars.map(\.value) })")
    }

    /// A record's codes and dates are read with the tab and Unicode's space separators trimmed, as Foundation's
    /// `trimmingCharacters(in: .whitespaces)` trims them.
    @Test func recordFieldsAreTrimmedAsFoundationTrimsWhitespace() throws {
        let padding = "\t \u{3000}\u{00A0}"
        // The same, as JSON writes it: a tab inside a string is escaped.
        let escaped = "\\t \u{3000}\u{00A0}"
        var json = try fixtureText("record-18223-0042.json")
        json = json.replacingOccurrences(of: "\"18223-0042\"", with: "\"\(escaped)18223-0042\(escaped)\"")
        json = json.replacingOccurrences(of: "\"2026-11-01\"", with: "\"\(escaped)2026-11-01 \"")
        json = json.replacingOccurrences(of: "\"septic\"", with: "\" septic\(escaped)\"")
        let record = try HouseholdRecord(json: Array(json.utf8))
        #expect(record.householdID == "18223-0042")
        #expect(record.householdID == "\(padding)18223-0042\(padding)".trimmingCharacters(in: .whitespaces))
        #expect(record.issued.description == "2026-11-01")
    }
}
