// Folding Vietnamese text to the printable ASCII that EMVCo "ans" fields allow.
//
// Vietnamese writes 12 vowels (a ă â e ê i o ô ơ u ư y), each bare or with one of five tones (huyền U+0300,
// sắc U+0301, hỏi U+0309, ngã U+0303, nặng U+0323), plus the consonant đ. Apart from the six bare ASCII vowels
// that makes 66 precomposed vowels and đ: 67 lowercase letters, 67 uppercase. In NFD the same letters are an ASCII
// base followed by at most one vowel mark (breve U+0306, circumflex U+0302, horn U+031B) and one tone mark.
// Unicode 15, chapter 7.1 (Latin), and the Latin Extended Additional block U+1EA0–U+1EF9 list them.
//
// The fold maps each of the 134 precomposed letters to its ASCII base (đ to d, Đ to D) and drops the eight
// combining marks, so NFC, NFD and half-composed input fold alike. Nothing else is touched: other non-ASCII text
// is left for the caller to reject.

/// Folds Vietnamese letters to ASCII: "Nguyễn Thị Lan" becomes "Nguyen Thi Lan" and "Đ" becomes "D".
///
/// Banking apps reject or garble non-ASCII text in the merchant name (59), city (60) and additional data (62)
/// fields of a VietQR code, and payers expect the unaccented spelling there; the accented one may go in the
/// alternate-language template (64).
///
/// ```swift
/// let folded = VietnameseFolding.fold("Mua rau cải")
/// folded.text                        // "Mua rau cai"
/// folded.replacements.first?.original // "ả"
/// ```
public enum VietnameseFolding {
    /// The combining marks Vietnamese uses in decomposed (NFD) text: the five tones, then breve, circumflex and
    /// horn.
    public static let combiningMarks: Set<Unicode.Scalar> = [
        "\u{0300}", "\u{0301}", "\u{0303}", "\u{0309}", "\u{0323}", "\u{0306}", "\u{0302}", "\u{031B}",
    ]

    /// Each ASCII base letter with the precomposed Vietnamese letters that fold to it, lowercase then uppercase.
    ///
    /// Rows are ordered by vowel and tone: bare, huyền, sắc, hỏi, ngã, nặng.
    static let rows: [(base: Character, letters: String)] = [
        ("a", "àáảãạăằắẳẵặâầấẩẫậ"),
        ("A", "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"),
        ("e", "èéẻẽẹêềếểễệ"),
        ("E", "ÈÉẺẼẸÊỀẾỂỄỆ"),
        ("i", "ìíỉĩị"),
        ("I", "ÌÍỈĨỊ"),
        ("o", "òóỏõọôồốổỗộơờớởỡợ"),
        ("O", "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"),
        ("u", "ùúủũụưừứửữự"),
        ("U", "ÙÚỦŨỤƯỪỨỬỮỰ"),
        ("y", "ỳýỷỹỵ"),
        ("Y", "ỲÝỶỸỴ"),
        ("d", "đ"),
        ("D", "Đ"),
    ]

    /// The 134 precomposed Vietnamese letters, each with the ASCII letter it folds to.
    public static let precomposedLetters: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (base, letters) in rows {
            for scalar in letters.unicodeScalars { table[scalar] = base.unicodeScalars.first! }
        }
        return table
    }()

    /// Folds `text`, reporting each letter it changed.
    ///
    /// - Parameter text: Text in any normalization form.
    /// - Returns: The folded text and the replacements made, in order. Characters that are neither ASCII nor
    ///   Vietnamese are kept as they are.
    public static func fold(_ text: String) -> FoldedText {
        // Fast path: ASCII needs nothing.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return FoldedText(text: text, replacements: []) }
        var out = String.UnicodeScalarView()
        var replacements: [FoldedText.Replacement] = []
        for (index, character) in text.enumerated() {
            var folded = String.UnicodeScalarView()
            for scalar in character.unicodeScalars {
                if scalar.isASCII {
                    folded.append(scalar)
                } else if let base = precomposedLetters[scalar] {
                    folded.append(base)
                } else if !combiningMarks.contains(scalar) {
                    folded.append(scalar)
                }
            }
            if !folded.elementsEqual(character.unicodeScalars) {
                replacements.append(
                    FoldedText.Replacement(original: String(character), replacement: String(folded), offset: index))
            }
            out.append(contentsOf: folded)
        }
        return FoldedText(text: String(out), replacements: replacements)
    }

    /// A lowercase, diacritic-free key for comparing names: "Ngân hàng Ngoại Thương" gives
    /// "ngan hang ngoai thuong".
    package static func searchKey(_ text: String) -> String {
        fold(text).text.lowercased()
    }
}

/// Text after ``VietnameseFolding/fold(_:)``, with what changed.
public struct FoldedText: Sendable, Hashable {
    /// The folded text.
    public var text: String
    /// Each character that changed, in order.
    public var replacements: [Replacement]

    /// One character that the fold changed.
    public struct Replacement: Sendable, Hashable, CustomStringConvertible {
        /// The character as given, for example "ễ" (or "e" with U+0302 U+0303 in NFD).
        public var original: String
        /// What it became, for example "e".
        public var replacement: String
        /// Its position in the given text, counted in characters from 0.
        public var offset: Int

        public var description: String { "\(original)→\(replacement)" }
    }
}
