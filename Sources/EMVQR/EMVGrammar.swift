/// The parts of the EMVCo MPM grammar that depend on the tag: which fields are templates, and which tags are
/// reserved for future use.
public enum EMVGrammar {
    /// Whether a top-level tag is a template: 26–51 (merchant account information), 62 (additional data),
    /// 64 (merchant information, alternate language) and 80–99 (unreserved templates).
    ///
    /// 02–25 are primitive card-network data. 65–79 are reserved and kept as they came, as primitives.
    @inlinable @inline(__always)
    public static func isTopLevelTemplate(_ tag: Int) -> Bool {
        // Bits 26...51 and 62 in the low word; 64 and 80...99 in the high word.
        let low: UInt64 = (((1 << 52) - 1) & ~((1 << 26) - 1)) | (1 << 62)
        let high: UInt64 = 1 | (((1 << 36) - 1) & ~((1 << 16) - 1))
        return tag < 64 ? (low >> UInt64(tag)) & 1 == 1 : (high >> UInt64(tag &- 64)) & 1 == 1
    }

    /// Whether a child of the additional data field template (62) is a template: 50–99 are payment-system
    /// specific templates.
    @inlinable
    public static func isAdditionalDataTemplate(_ tag: Int) -> Bool {
        tag >= 50
    }

    /// Whether a top-level tag is reserved for future use by EMVCo (65–79).
    @inlinable @inline(__always)
    public static func isReservedTopLevel(_ tag: Int) -> Bool {
        tag >= 65 && tag <= 79
    }

    /// Whether `child` is a reserved or unknown sub-tag of the template `parent`.
    ///
    /// - 62: 01–09 are defined and 50–99 are payment-system templates; 00 and 10–49 are reserved.
    /// - 64: 00–02 are defined; 03–99 are reserved.
    /// - Merchant account (26–51) and unreserved (80–99) templates: 00 is the GUID and the rest belong to the
    ///   scheme, so nothing is reserved.
    @inlinable @inline(__always)
    public static func isReservedChild(_ child: Int, of parent: Int) -> Bool {
        switch parent {
        case 62: return child == 0 || (child >= 10 && child < 50)
        case 64: return child > 2
        default: return false
        }
    }
}

/// A field that a scheme nests inside its merchant account template: under the scheme's GUID (tag 00), child
/// ``child`` is itself a template.
///
/// The EMVCo grammar leaves a merchant account template's children to the scheme, so the core reads them as plain
/// values. A scheme's module declares what it nests, and passes the declaration to
/// ``EMVPayload/init(parsing:mode:nesting:)``, ``EMVReader/nesting`` or ``EMVFieldTable/parse(_:mode:nesting:)-(ArraySlice<UInt8>,_,_)``:
///
/// ```swift
/// // NAPAS (VietQR) nests the beneficiary organisation under 38.01: 00 the BIN, 01 the account.
/// let napas = EMVNesting(guid: "A000000727", child: 1)
/// let payload = try EMVPayload(parsing: bytes, nesting: [napas])
/// payload["38.01.00"]?.string   // "970436"
/// ```
public struct EMVNesting: Sendable, Hashable {
    /// The GUID in tag 00 of the merchant account template, byte for byte.
    public let guid: [UInt8]
    /// The child, 01–99, that is a template.
    public let child: Int

    /// Declares that, under `guid`, child `child` of a merchant account template is itself a template.
    ///
    /// - Parameters:
    ///   - guid: The scheme's GUID, as tag 00 writes it.
    ///   - child: The nested template's tag.
    public init(guid: String, child: Int) {
        self.guid = Array(guid.utf8)
        self.child = child
    }

    /// Whether the `count` bytes at `value`, a tag 00 value, are this GUID.
    @inline(__always)
    func matches(_ value: UnsafeRawPointer, _ count: Int) -> Bool {
        guid.count == count && guid.withUnsafeBytes { count == 0 || bytesEqual($0.baseAddress!, value, count) }
    }
}

/// Whether `count` bytes at `a` and at `b` are equal, compared eight at a time: a GUID of 9 to 16 bytes takes two
/// overlapping words.
@inline(__always)
func bytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    guard count >= 8 else {
        var i = 0
        while i < count {
            if a.load(fromByteOffset: i, as: UInt8.self) != b.load(fromByteOffset: i, as: UInt8.self) { return false }
            i &+= 1
        }
        return true
    }
    var i = 0
    while i < count &- 8 {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i &+= 8
    }
    let last = count &- 8
    return a.loadUnaligned(fromByteOffset: last, as: UInt64.self)
        == b.loadUnaligned(fromByteOffset: last, as: UInt64.self)
}
