/// The parts of the EMVCo MPM grammar that depend on the tag: which fields are templates, and which tags are
/// reserved for future use.
public enum EMVGrammar {
    /// Whether a top-level tag is a template: 26–51 (merchant account information), 62 (additional data),
    /// 64 (merchant information, alternate language) and 80–99 (unreserved templates).
    ///
    /// 02–25 are primitive card-network data. 65–79 are reserved and kept as they came, as primitives.
    @inlinable
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
    @inlinable
    public static func isReservedTopLevel(_ tag: Int) -> Bool {
        tag >= 65 && tag <= 79
    }

    /// Whether `child` is a reserved or unknown sub-tag of the template `parent`.
    ///
    /// - 62: 01–09 are defined and 50–99 are payment-system templates; 00 and 10–49 are reserved.
    /// - 64: 00–02 are defined; 03–99 are reserved.
    /// - Merchant account (26–51) and unreserved (80–99) templates: 00 is the GUID and the rest belong to the
    ///   scheme, so nothing is reserved.
    @inlinable
    public static func isReservedChild(_ child: Int, of parent: Int) -> Bool {
        switch parent {
        case 62: return child == 0 || (child >= 10 && child < 50)
        case 64: return child > 2
        default: return false
        }
    }

    /// Merchant account templates whose child 01 is itself a template, keyed by the GUID in child 00.
    ///
    /// NAPAS (VietQR, `A000000727`) nests the beneficiary organisation under 01: 00 is the acquirer BIN and 01 the
    /// account or card number.
    @inline(__always)
    static func childIsTemplate(guid: UnsafeRawBufferPointer, child: Int) -> Bool {
        guard child == 1, guid.count == 10, let base = guid.baseAddress else { return false }
        // "A000000727" as little-endian words: "A0000007" and "27".
        return base.loadUnaligned(as: UInt64.self) == UInt64(littleEndian: 0x3730_3030_3030_3041)
            && base.loadUnaligned(fromByteOffset: 8, as: UInt16.self) == UInt16(littleEndian: 0x3732)
    }
}
