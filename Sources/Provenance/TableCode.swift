/// A value from one of the format's small code tables, written on the wire as two uppercase letters.
///
/// Each table lists, per value, its wire code, its JSON/CSV name (the `rawValue`) and labels in Vietnamese and
/// English for people. Codes are preferred to free text where the table is small: they cost two bytes and read the
/// same in every language.
public protocol TableCode: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    /// The two-letter code on the wire.
    var wireCode: String { get }
    /// The label a Vietnamese reader sees.
    var vietnamese: String { get }
    /// The label an English reader sees.
    var english: String { get }
}

extension TableCode {
    /// The value with this wire code, if any.
    public init?(wireCode: some Collection<UInt8>) {
        guard let match = Self.allCases.first(where: { $0.wireCode.utf8.elementsEqual(wireCode) }) else { return nil }
        self = match
    }

    /// The label in `language`.
    public func label(_ language: DisplayLanguage) -> String {
        language == .vietnamese ? vietnamese : english
    }

    /// The names a record may use, for messages: `septic, doubleVault, ...`.
    static var namesList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// The language a record is presented in.
public enum DisplayLanguage: String, Sendable, Hashable, CaseIterable {
    /// Vietnamese, as a buyer in Vietnam reads it; the default.
    case vietnamese = "vi"
    /// English.
    case english = "en"
}
