// Naming a table value the way a person does: by its name, its wire code, or a label in either language.
import VietnameseText

extension TableCode {
    /// The value a person names, if exactly one fits.
    ///
    /// A value may be named by its JSON/CSV name (`doubleVault`), its two-letter wire code (`DV`), or its
    /// Vietnamese or English label (`Nhà tiêu hai ngăn`, `Double-vault composting`). Matching ignores case,
    /// Vietnamese diacritics (`hai ngan`), and spaces, hyphens and underscores between words (`double vault`). A
    /// label may also lose its leading words, as people shorten it in a spreadsheet: `Hai ngăn` names
    /// `Nhà tiêu hai ngăn`. When several labels end in the words given, the one that loses the fewest wins, so
    /// `Tự hoại` is `Nhà tiêu tự hoại` and not `Nhà tiêu bán tự hoại`; a tie names none.
    public init?(name: String) {
        // The names and codes files usually carry, without folding.
        let lowered = name.lowercased()
        if let match = Self.allCases.first(where: {
            $0.rawValue.lowercased() == lowered || $0.wireCode.lowercased() == lowered
        }) {
            self = match
            return
        }
        let words = LabelKey.words(name)
        guard !words.isEmpty else { return nil }
        let joined = words.joined()
        if let match = Self.allCases.first(where: {
            LabelKey.words($0.rawValue).joined() == joined || $0.wireCode.lowercased() == joined
                || LabelKey.words($0.vietnamese) == words || LabelKey.words($0.english) == words
        }) {
            self = match
            return
        }
        // Shortened labels: the fewest leading words dropped wins; a tie is ambiguous.
        var best: Self?
        var fewest = Int.max
        var tie = false
        for value in Self.allCases {
            let dropped = [value.vietnamese, value.english].compactMap { label -> Int? in
                let labelWords = LabelKey.words(label)
                guard labelWords.count > words.count, labelWords.suffix(words.count).elementsEqual(words) else {
                    return nil
                }
                return labelWords.count - words.count
            }.min()
            guard let dropped else { continue }
            if dropped < fewest {
                (best, fewest, tie) = (value, dropped, false)
            } else if dropped == fewest {
                tie = true
            }
        }
        guard let best, !tie else { return nil }
        self = best
    }
}

/// How names and labels compare: folded to lowercase ASCII letters and digits, split into words.
enum LabelKey {
    /// `"Nhà tiêu hai-ngăn"` gives `["nha", "tieu", "hai", "ngan"]`; `"doubleVault"` gives `["doublevault"]`.
    static func words(_ text: String) -> [String] {
        VietnameseFolding.searchKey(text).split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
            .map(String.init)
    }
}
