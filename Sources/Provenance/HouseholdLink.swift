import EMVQR

// The link form of a household code (the specification's "Link form" section):
//
//     link      = base "#" fragment
//     base      = "https://" host [":" port] path      ; the verifier page; tag 13 when the code carries one
//     fragment  = "0002P" *(unreserved / pct-encoded)  ; the code's bytes, percent-encoded
//
// Writing: each byte in RFC 3986's unreserved set (ALPHA DIGIT "-" "." "_" "~"), ":" and "/" as itself, every other
// byte as "%" and two uppercase hex digits. ":" and "/" keep the verifier address the code carries (tag 13) short. Reading takes any RFC 3986 fragment character as itself and hex in either case, so a
// link a browser or an app re-escaped still reads. The code's own first bytes, "0002P", mark the fragment as a
// household code: no prefix is added.

/// A household code as an https link: a phone's camera opens the verifier page, which reads the code from the
/// fragment. Browsers never send the fragment to the server.
///
/// ```swift
/// let link = try HouseholdLink(base: "https://xa-kim-hoa.gov.vn/nguon-goc", code: signedCode)
/// link.text    // "https://xa-kim-hoa.gov.vn/nguon-goc#0002P1011018223-01070218Tr%E1%BA%A7n%20..."
/// try HouseholdLink(parsing: link.text).code == signedCode   // true
/// ```
///
/// The signature covers the code's bytes, not the link: decoding the fragment gives back exactly the bytes issued,
/// and those are verified as scanned. To read what a scanner returned in either form, use
/// ``ScannedHouseholdCode/init(recognizing:)``.
public struct HouseholdLink: Sendable, Hashable {
    /// The link's text before the `#`: the verifier page, as the link names it.
    public let base: String
    /// The household code's bytes: the fragment, percent-decoded.
    public let code: [UInt8]
    /// The whole link, as printed and put in the QR code.
    public let text: String

    /// The line a sticker prints under the head's name, telling a buyer what to do with the code: "Scan to check the
    /// origin".
    public static let buyerInstruction = "Quét để kiểm tra nguồn gốc"

    /// Builds the link form of a code.
    ///
    /// - Parameters:
    ///   - base: The verifier page, `https://HOST/PATH`, in the grammar of a verifier address (tag 13): a lowercase
    ///     host, a path that starts with `/`, no query or fragment, at most 99 bytes.
    ///   - code: The household code's bytes, as issued.
    /// - Throws: ``ProvenanceError/Code/invalidField`` (path 13) for a base that is not a verifier address;
    ///   ``ProvenanceError/Code/notHouseholdCode`` for bytes that do not begin with a household format indicator.
    public init(base: String, code: some Collection<UInt8>) throws(ProvenanceError) {
        _ = try HouseholdRecord.checkVerifierAddress(base, path: TagPath(HouseholdTag.verifierAddress))
        let bytes = Array(code)
        guard bytes.starts(with: Self.marker) else {
            throw ProvenanceError(
                code: .notHouseholdCode, offset: 0, path: .root,
                message: "the bytes do not begin with a household code's format indicator (\"0002P\")")
        }
        var text = base + "#"
        text.reserveCapacity(base.utf8.count + 1 + bytes.count * 3 / 2)
        for byte in bytes {
            if Self.isUnreserved(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "%" + Self.hexDigits[Int(byte >> 4)] + Self.hexDigits[Int(byte & 0x0F)]
            }
        }
        self.base = base
        self.code = bytes
        self.text = text
    }

    /// Reads a link: checks the scheme, finds the fragment and percent-decodes it.
    ///
    /// The code inside is not checked here beyond its first bytes; verify ``code`` as scanned.
    ///
    /// - Parameter bytes: The link, as a scanner returned it.
    /// - Throws: ``ProvenanceError`` whose ``ProvenanceError/offset`` counts bytes of the link:
    ///   ``ProvenanceError/Code/invalidLinkScheme`` when it does not begin with `https://` (any case);
    ///   ``ProvenanceError/Code/missingLinkFragment`` when it has no `#`;
    ///   ``ProvenanceError/Code/invalidLinkEncoding`` for a space, control or non-ASCII byte, a character outside
    ///   RFC 3986's fragment set, or a `%` without two hex digits;
    ///   ``ProvenanceError/Code/notHouseholdCode`` when the fragment does not begin with `0002P`;
    ///   ``ProvenanceError/Code/tooLong`` when the decoded code exceeds 512 bytes.
    public init(parsing bytes: some Collection<UInt8>) throws(ProvenanceError) {
        let link = Array(bytes)
        let scheme = Array("https://".utf8)
        guard link.count >= scheme.count, zip(link, scheme).allSatisfy({ Self.lowercased($0) == $1 }) else {
            throw ProvenanceError(
                code: .invalidLinkScheme, offset: 0, path: .root,
                message: "a household code's link begins with https://")
        }
        guard let hash = link.firstIndex(of: UInt8(ascii: "#")) else {
            throw ProvenanceError(
                code: .missingLinkFragment, offset: link.count, path: .root,
                message: "the link has no fragment (#...), so it carries no household code")
        }
        if let bad = link[..<hash].firstIndex(where: { $0 <= 0x20 || $0 >= 0x7F }) {
            throw ProvenanceError(
                code: .invalidLinkEncoding, offset: bad, path: .root,
                message: "byte \(bad) of the link is a space, a control character or not ASCII")
        }
        let fragment = link[(hash + 1)...]
        guard fragment.starts(with: Self.marker) else {
            throw ProvenanceError(
                code: .notHouseholdCode, offset: hash + 1, path: .root,
                message: "the link's fragment is not a household code (it does not begin with 0002P)")
        }
        var code: [UInt8] = []
        code.reserveCapacity(fragment.count)
        var i = fragment.startIndex
        while i < fragment.endIndex {
            let byte = fragment[i]
            if byte == UInt8(ascii: "%") {
                guard i + 2 < fragment.endIndex, let high = Self.hexValue(fragment[i + 1]),
                    let low = Self.hexValue(fragment[i + 2])
                else {
                    throw ProvenanceError(
                        code: .invalidLinkEncoding, offset: i, path: .root,
                        message: "the % at byte \(i) of the link is not followed by two hex digits")
                }
                code.append(high << 4 | low)
                i += 3
            } else {
                guard Self.isPathByte(byte) || byte == UInt8(ascii: "?") else {
                    throw ProvenanceError(
                        code: .invalidLinkEncoding, offset: i, path: .root,
                        message: "byte \(i) of the link (0x\(String(byte, radix: 16, uppercase: true))) may not "
                            + "appear in a link's fragment; it must be percent-encoded")
                }
                code.append(byte)
                i += 1
            }
        }
        guard code.count <= 512 else {
            throw ProvenanceError(
                code: .tooLong, offset: hash + 1, path: .root,
                message: "the fragment decodes to \(code.count) bytes; a household code holds at most 512")
        }
        self.base = String(decoding: link[..<hash], as: UTF8.self)
        self.code = code
        self.text = String(decoding: link, as: UTF8.self)
    }

    /// Reads a link from text.
    ///
    /// - Parameter text: The link.
    /// - Throws: As ``init(parsing:)-(Collection<UInt8>)``.
    public init(parsing text: String) throws(ProvenanceError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// The page the link opens, as a browser names it: the base without its query, scheme and host in lowercase.
    ///
    /// A code's verifier address (tag 13) is compared with this.
    public var address: String {
        var bytes = Array(base.utf8)
        if let query = bytes.firstIndex(of: UInt8(ascii: "?")) { bytes.removeSubrange(query...) }
        let authorityStart = "https://".utf8.count
        let pathStart = bytes[authorityStart...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
        for i in 0..<pathStart { bytes[i] = Self.lowercased(bytes[i]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The note a reader shows when a code's verifier address differs from the page the link opens: a genuine code
    /// copied behind another site still verifies, and the buyer learns whose page it belongs to.
    ///
    /// - Parameter record: The code's record, as read.
    /// - Returns: The note, or `nil` when the record names no verifier address or names this link's.
    public func verifierNote(for record: HouseholdRecord?) -> String? {
        guard let claimed = record?.verifierAddress, claimed != address else { return nil }
        return "this code belongs to another verifier: \(claimed) (the link opens \(address))"
    }

    // MARK: Characters

    /// The first bytes of every household code, and so of every household link's fragment.
    static let marker = Array("0002P".utf8)

    static let hexDigits = Array("0123456789ABCDEF").map(String.init)

    /// RFC 3986 unreserved: `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
    static func isUnreserved(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "~")
    }

    /// RFC 3986 `pchar` without pct-encoded, or `/`: unreserved, sub-delims, `:`, `@`, `/`.
    package static func isPathByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"):
            true
        default:
            isUnreserved(byte)
        }
    }

    package static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
