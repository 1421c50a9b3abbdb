/// A household code found in what a scanner returned, in either form: the code itself (`0002P1...`), or a link
/// whose fragment carries it (`https://HOST/PATH#0002P1...`).
///
/// This is the one place that decides whether scanned bytes are a household code:
///
/// ```swift
/// for symbol in symbols {
///     guard let found = try ScannedHouseholdCode(recognizing: symbol.bytes) else { continue }  // not ours
///     let result = verifier.verify(found)   // the link's verifier note included
/// }
/// ```
public struct ScannedHouseholdCode: Sendable, Hashable {
    /// The household code's bytes: as scanned, or decoded from the link's fragment.
    public let bytes: [UInt8]
    /// The link the code came in, for the link form.
    public let link: HouseholdLink?

    /// Recognises a household code in scanned bytes.
    ///
    /// The bytes are a household code when they begin with `0002P` (the raw form), or when the text after their
    /// first `#` begins with `0002P` (the link form). Anything else, such as a payment code or a link to another
    /// page, is not a household code and gives `nil`.
    ///
    /// - Parameter scanned: The bytes a scanner returned.
    /// - Returns: The code, or `nil` when the bytes are in neither form.
    /// - Throws: ``ProvenanceError`` from ``HouseholdLink/init(parsing:)-(Collection<UInt8>)`` for a link whose
    ///   fragment is a household code but which is broken: not https, or badly encoded.
    public init?(recognizing scanned: some Collection<UInt8>) throws(ProvenanceError) {
        let bytes = Array(scanned)
        if bytes.starts(with: HouseholdLink.marker) {
            self.bytes = bytes
            self.link = nil
            return
        }
        guard Self.isLinkForm(bytes) else { return nil }
        let link = try HouseholdLink(parsing: bytes)
        self.bytes = link.code
        self.link = link
    }

    /// Whether scanned bytes are a household code in either form, without decoding them.
    ///
    /// - Parameter scanned: The bytes a scanner returned.
    /// - Returns: `true` when ``init(recognizing:)`` returns a code or throws for a broken link.
    public static func isHouseholdCode(_ scanned: some Collection<UInt8>) -> Bool {
        scanned.starts(with: HouseholdLink.marker) || isLinkForm(scanned)
    }

    static func isLinkForm(_ bytes: some Collection<UInt8>) -> Bool {
        guard let hash = bytes.firstIndex(of: UInt8(ascii: "#")) else { return false }
        return bytes[bytes.index(after: hash)...].starts(with: HouseholdLink.marker)
    }
}
