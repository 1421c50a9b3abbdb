import VietnameseText

/// The directory of Vietnamese banks and wallets, with lookups by BIN, short name, code, vietqr.io code, SWIFT
/// code or name.
///
/// Matching ignores case and Vietnamese diacritics: `vcb`, `Vietcombank`, `970436`, `BFTVVNVX` and
/// `ngân hàng ngoại thương` all find Vietcombank. A BIN that another bank used before finds the bank that uses it
/// today, which remembers the former name: 970449 is LPBank, formerly LienVietPostBank.
///
/// ```swift
/// BankDirectory.bank(bin: "970436")?.shortName    // "Vietcombank"
/// BankDirectory.lookup("lienvietpostbank")?.bin    // "970449" (LPBank)
/// BankDirectory.search("ngan hang").count          // every bank with those words in its name
/// ```
///
/// The data is Fixtures/banks/banks.json (65 records, sources in Fixtures/banks/SOURCE.txt), compiled into
/// `BankDirectory+Table.swift` by scripts/generate-bank-table.py.
public enum BankDirectory {
    /// The bank that uses `bin` today, or `nil`.
    ///
    /// - Parameter bin: Six digits.
    /// - Returns: The bank, or `nil` when the directory does not know the BIN.
    public static func bank(bin: String) -> Bank? {
        let digits = Array(bin.utf8)
        guard digits.count == 6, let value = number(digits) else { return nil }
        let i = position(of: value)
        return i >= 0 ? all[i] : nil
    }

    /// The one bank that `query` names, or `nil` when it names none or several.
    ///
    /// - Parameter query: A BIN, short name, code, vietqr.io code, SWIFT code, key, former name, or words of the
    ///   legal name; case and diacritics do not matter.
    /// - Returns: The bank, if exactly one matches.
    public static func lookup(_ query: String) -> Bank? {
        let found = search(query)
        return found.count == 1 ? found[0] : nil
    }

    /// Every bank that `query` names, most exact first.
    ///
    /// A query that equals a BIN or one of a bank's names or codes (ignoring case, diacritics, spaces and
    /// punctuation) finds that bank alone. Otherwise each word of the query must begin a word of the bank's
    /// names. An empty query finds every bank.
    ///
    /// - Parameter query: What to look for.
    /// - Returns: The matching banks.
    public static func search(_ query: String) -> [Bank] {
        let key = compactKey(query)
        if key.isEmpty { return all }
        if let exact = identifiers[key] { return exact.map { all[$0] } }
        let words = Self.words(query)
        return all.indices.filter { i in
            words.allSatisfy { word in nameWords[i].contains { $0.hasPrefix(word) } }
        }.map { all[$0] }
    }

    // MARK: Indexes

    /// Compact keys of every BIN, name and code, each with the banks it names.
    static let identifiers: [String: [Int]] = {
        var table: [String: [Int]] = [:]
        for (i, bank) in all.enumerated() {
            let names =
                [bank.bin, bank.shortName, bank.code, bank.vietQRIOCode, bank.swiftCode, bank.key]
                + bank.formerNames + bank.formerCodes
            for key in Set(names.compactMap { $0 }.map(compactKey)) where !key.isEmpty {
                table[key, default: []].append(i)
            }
        }
        return table
    }()

    /// The folded words of each bank's names, former names included.
    static let nameWords: [[String]] = all.map { bank in
        ([bank.shortName, bank.name, bank.englishName] + bank.formerNames).compactMap { $0 }.flatMap(words)
    }

    static func number<Digits: Collection>(_ digits: Digits) -> UInt32? where Digits.Element == UInt8 {
        var value: UInt32 = 0
        for d in digits {
            guard d &- 0x30 < 10, value < 100_000_000 else { return nil }
            value = value * 10 + UInt32(d &- 0x30)
        }
        return value
    }

    /// Lowercase ASCII letters and digits only, diacritics folded: "Co-op Bank" gives "coopbank".
    static func compactKey(_ text: String) -> String {
        String(String.UnicodeScalarView(VietnameseFolding.searchKey(text).unicodeScalars.filter(isWordScalar)))
    }

    /// The folded, lowercase words of `text`.
    static func words(_ text: String) -> [String] {
        VietnameseFolding.searchKey(text).unicodeScalars
            .split { !isWordScalar($0) }
            .map { String(String.UnicodeScalarView($0)) }
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9")
    }
}
