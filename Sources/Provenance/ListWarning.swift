/// Something a trust list or revocation list says that does not stop it being used, but that its user should hear:
/// an entry with no scope, a list that is not signed.
public struct ListWarning: Sendable, Hashable, CustomStringConvertible {
    /// What it is, as a stable code.
    public var code: Code
    /// The 1-based entry of the list it concerns, if one.
    public var row: Int?
    /// A sentence a person can act on.
    public var message: String

    /// Makes a warning.
    public init(code: Code, row: Int? = nil, message: String) {
        self.code = code
        self.row = row
        self.message = message
    }

    public var description: String { message }

    /// A stable warning code. Its ``rawValue`` is what JSON output carries.
    public struct Code: Sendable, Hashable, CustomStringConvertible, RawRepresentable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A key states no scope; it is read as the commune its key ID names, as lists before scopes meant.
        public static let scopeFromKeyID = Code(rawValue: "scopeFromKeyID")
        /// A key's scope is empty, or it states none and its key ID names no commune: it vouches for nothing.
        public static let scopeEmpty = Code(rawValue: "scopeEmpty")
        /// The list was read from an unsigned file: anyone who could change the file could have added a key.
        public static let unsignedList = Code(rawValue: "unsignedList")
    }
}
