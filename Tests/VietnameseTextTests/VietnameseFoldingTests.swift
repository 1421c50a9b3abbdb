import Foundation
import Testing
import VietnameseText

/// The fold against Foundation's Unicode normalization, an independent implementation: every precomposed
/// Vietnamese letter is composed here from an ASCII vowel and its marks, and must fold to that vowel.
@Suite struct VietnameseFoldingTests {
    /// The 12 vowels as base letter plus vowel mark (breve, circumflex, horn), in NFD.
    static let vowels: [(base: String, mark: String)] = [
        ("a", ""), ("a", "\u{0306}"), ("a", "\u{0302}"), ("e", ""), ("e", "\u{0302}"), ("i", ""),
        ("o", ""), ("o", "\u{0302}"), ("o", "\u{031B}"), ("u", ""), ("u", "\u{031B}"), ("y", ""),
    ]
    /// No tone, then huyền, sắc, hỏi, ngã, nặng.
    static let tones = ["", "\u{0300}", "\u{0301}", "\u{0309}", "\u{0303}", "\u{0323}"]

    /// Each precomposed letter (NFC, one scalar), its NFD spelling, and the ASCII letter it must fold to.
    static let letters: [Letter] = {
        var letters: [Letter] = []
        for (base, mark) in vowels {
            for tone in tones where !(mark.isEmpty && tone.isEmpty) {
                for upper in [false, true] {
                    let b = upper ? base.uppercased() : base
                    let nfd = b + mark + tone
                    letters.append(Letter(nfc: nfd.precomposedStringWithCanonicalMapping, nfd: nfd, ascii: b))
                }
            }
        }
        // Đ has no decomposition: it is its own letter.
        letters.append(Letter(nfc: "đ", nfd: "đ", ascii: "d"))
        letters.append(Letter(nfc: "Đ", nfd: "Đ", ascii: "D"))
        return letters
    }()

    struct Letter: Sendable, CustomTestStringConvertible {
        let nfc, nfd, ascii: String
        var testDescription: String { nfc }
    }

    @Test func thereAre134PrecomposedLetters() {
        #expect(Self.letters.count == 134)
        #expect(Set(Self.letters.map(\.nfc)).count == 134)
        #expect(Self.letters.allSatisfy { $0.nfc.unicodeScalars.count == 1 })
        #expect(Set(VietnameseFolding.precomposedLetters.keys.map { String($0) }) == Set(Self.letters.map(\.nfc)))
    }

    @Test(arguments: letters)
    func foldsNFC(_ letter: Letter) {
        let folded = VietnameseFolding.fold(letter.nfc)
        #expect(folded.text == letter.ascii)
        #expect(folded.replacements.map(\.original) == [letter.nfc])
    }

    @Test(arguments: letters)
    func foldsNFD(_ letter: Letter) {
        #expect(VietnameseFolding.fold(letter.nfd).text == letter.ascii)
    }

    @Test(arguments: letters.filter { $0.nfd.unicodeScalars.count == 3 })
    func foldsHalfComposed(_ letter: Letter) {
        // The vowel with its vowel mark precomposed, the tone still combining: "ê" + U+0301.
        let scalars = Array(letter.nfd.unicodeScalars)
        let vowel = String(String.UnicodeScalarView(scalars[0...1])).precomposedStringWithCanonicalMapping
        #expect(VietnameseFolding.fold(vowel + String(scalars[2])).text == letter.ascii)
    }

    @Test(arguments: [
        ("Nguyễn Thị Lan", "Nguyen Thi Lan"), ("ĐÀ NẴNG", "DA NANG"), ("Mua rau cải", "Mua rau cai"),
        ("Thanh toán đơn hàng", "Thanh toan don hang"), ("Phở Hà Nội", "Pho Ha Noi"),
    ])
    func foldsSentencesInEitherForm(_ text: String, _ expected: String) {
        #expect(VietnameseFolding.fold(text).text == expected)
        #expect(VietnameseFolding.fold(text.decomposedStringWithCanonicalMapping).text == expected)
    }

    @Test func reportsEachReplacementWithItsPosition() {
        let folded = VietnameseFolding.fold("Cà phê")
        #expect(folded.replacements.map(\.offset) == [1, 5])
        #expect(folded.replacements.map(\.replacement) == ["a", "e"])
    }

    @Test(arguments: ["Grüße", "東京", "café ☕"])
    func leavesOtherTextForTheCallerToReject(_ text: String) {
        let folded = VietnameseFolding.fold(text)
        #expect(folded.text.unicodeScalars.contains { !$0.isASCII })
    }

    @Test func leavesASCIIAlone() {
        let folded = VietnameseFolding.fold("Thanh toan 123")
        #expect(folded.text == "Thanh toan 123")
        #expect(folded.replacements.isEmpty)
    }
}
