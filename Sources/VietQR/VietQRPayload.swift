public import EMVQR

/// A VietQR payment read from a parsed EMVCo payload and checked against the NAPAS rules.
///
/// Reading validates once and keeps the payload, where its fields are, and the bank: the typed values (``payment``,
/// ``bin``, ``amount``...) are read from the payload's bytes when asked for, and ``warnings`` are listed only when
/// asked for. Ask for ``payment`` once rather than for several single fields.
///
/// ```swift
/// let code = try VietQRPayload(parsing: scanned)
/// code.bank?.shortName            // "Vietcombank"
/// code.account                    // "0011001234567"
/// code.amount                     // "50000"
/// code.payment.additionalData.purpose
/// for warning in code.warnings { print(warning) }   // e.g. merchantCategoryAbsent (52)
/// ```
///
/// The rules and where each comes from are in the article <doc:VietQRRules>.
public struct VietQRPayload: Sendable {
    /// The EMVCo payload underneath.
    public let emv: EMVPayload
    /// Where VietQR's fields are in ``emv``.
    let index: FieldIndex
    package let hasWarnings: Bool
    let bankIndex: Int

    /// What VietQR nests: under NAPAS's GUID, 38.01 (the beneficiary organisation) holds 00 the acquirer BIN and
    /// 01 the account or card number. Pass it to EMVQR to read a payload's 38.01 as fields:
    ///
    /// ```swift
    /// let emv = try EMVPayload(parsing: bytes, nesting: VietQRPayload.nesting)
    /// emv["38.01.00"]?.string   // "970436"
    /// ```
    public static let nesting = [EMVNesting(guid: napasGUID, child: 1)]

    /// NAPAS's application identifier, registered with ISO/IEC 7816-5 (RID A000000727): tag 38.00 of every
    /// VietQR code.
    public static let napasGUID = "A000000727"

    /// Reads a VietQR payment from a parsed payload.
    ///
    /// A payload read without ``nesting`` (as `EMVPayload(parsing:)` reads it) is read again with it, so that 38.01
    /// is read as fields; a 38.01 that is not well-formed fields is then a ``VietQRError`` at 38.01 that wraps
    /// EMVQR's error.
    ///
    /// - Parameters:
    ///   - emv: A parsed EMVCo payload.
    ///   - mode: `EMVPayload/ReadingMode/lenient` lists real-world deviations in ``warnings``;
    ///     `EMVPayload/ReadingMode/strict` throws the first one, the payload's own EMVCo warnings included.
    /// - Throws: ``VietQRError`` naming the first rule the payload breaks, in the order the article
    ///   <doc:VietQRRules> gives (each field's own rules in document order, then the absent fields), and the
    ///   field's path.
    public init(_ emv: EMVPayload, mode: EMVPayload.ReadingMode = .lenient) throws(VietQRError) {
        var findings = Findings(strict: mode == .strict)
        var index = FieldIndex()
        guard let bankIndex = try Self.read(emv, into: &index, mayNest: true, &findings) else {
            try self.init(reparsing: emv, mode: mode)
            return
        }
        self.init(emv: emv, index: index, hasWarnings: findings.found, bankIndex: bankIndex)
    }

    /// Reads `emv` again with ``nesting``, so that 38.01 is read as fields, and validates that.
    @inline(never)
    private init(reparsing emv: EMVPayload, mode: EMVPayload.ReadingMode) throws(VietQRError) {
        let nested: EMVPayload
        do throws(EMVQRError) {
            nested = try EMVPayload(parsing: emv.bytes, mode: mode, nesting: Self.nesting)
        } catch {
            throw VietQRError(error)
        }
        var findings = Findings(strict: mode == .strict)
        var index = FieldIndex()
        // Not asked to stop at 38, the reading always gives the bank's index.
        let bankIndex = try Self.read(nested, into: &index, mayNest: false, &findings) ?? -1
        self.init(emv: nested, index: index, hasWarnings: findings.found, bankIndex: bankIndex)
    }

    @inline(__always)
    private init(emv: EMVPayload, index: FieldIndex, hasWarnings: Bool, bankIndex: Int) {
        self.emv = emv
        self.index = index
        self.hasWarnings = hasWarnings
        self.bankIndex = bankIndex
    }

    /// Parses and reads a payload.
    ///
    /// - Parameters:
    ///   - text: The payload, for example what a QR scanner returned.
    ///   - mode: As for ``init(_:mode:)``; it applies to the EMVCo reading too.
    /// - Throws: ``VietQRError``; when the text is not well-formed EMVCo, with the `EMVQRError`'s code.
    public init(parsing text: String, mode: EMVPayload.ReadingMode = .lenient) throws(VietQRError) {
        try self.init(parsing: Array(text.utf8)[...], mode: mode)
    }

    /// Parses and reads a payload held in a slice, without copying it.
    ///
    /// - Parameters:
    ///   - bytes: The payload's bytes.
    ///   - mode: As for ``init(_:mode:)``; it applies to the EMVCo reading too.
    /// - Throws: ``VietQRError``; when the bytes are not well-formed EMVCo, with the `EMVQRError`'s code.
    public init(parsing bytes: ArraySlice<UInt8>, mode: EMVPayload.ReadingMode = .lenient) throws(VietQRError) {
        let emv: EMVPayload
        do throws(EMVQRError) {
            emv = try EMVPayload(parsing: bytes, mode: mode, nesting: Self.nesting)
        } catch {
            throw VietQRError(error)
        }
        try self.init(emv, mode: mode)
    }

    /// The deviations lenient reading accepted: the EMVCo ones first, then the VietQR ones.
    public var warnings: [VietQRWarning] {
        guard hasWarnings else { return [] }
        var warnings: [VietQRWarning] = []
        withUnsafeMutablePointer(to: &warnings) { list in
            var findings = Findings(collectingInto: list)
            var index = FieldIndex()
            // The payload passed validation once; a second pass with the same input finds the same, and collects.
            _ = try? Self.read(emv, into: &index, mayNest: false, &findings)
        }
        return warnings
    }

    /// The bank the BIN belongs to, or `nil` when the directory does not know it (see the `unknownBank` warning).
    public var bank: Bank? {
        bankIndex >= 0 ? BankDirectory.all[bankIndex] : nil
    }

    /// Static (11) or dynamic (12).
    public var initiation: VietQRPayment.Initiation {
        value(at: index.initiation, is: "11") ? .static : .dynamic
    }

    /// The acquirer BIN, 38.01.00.
    public var bin: String { string(index.bin) }

    /// The account or card number, 38.01.01.
    public var account: String { string(index.account) }

    /// The service code, 38.02 (or, read leniently, 38.01.02 where a generator put it).
    public var service: VietQRService {
        emv.bytes.withUnsafeBufferPointer { VietQRService(PayloadBytes(buffer: $0), index.service) }
    }

    /// The amount exactly as written, 54; a fractional one is kept, with the warning `fractionalAmount`.
    public var amount: VietQRAmount? { optionalString(index.amount).map { VietQRAmount($0) } }

    /// The purpose of the transaction, 62.08.
    public var purpose: String? { optionalString(index.additional8) }

    /// Every typed field, copied out of the payload.
    public var payment: VietQRPayment {
        let index = self.index
        let initiation = self.initiation
        // Every field from the one index, in one visit of the bytes.
        return emv.bytes.withUnsafeBufferPointer { buffer in
            let bytes = PayloadBytes(buffer: buffer)
            func string(_ span: FieldIndex.Span) -> String { bytes.text(span) }
            func optional(_ span: FieldIndex.Span) -> String? { span.isPresent ? bytes.text(span) : nil }
            var payment = VietQRPayment(
                bin: string(index.bin), account: string(index.account), service: VietQRService(bytes, index.service),
                amount: optional(index.amount).map { VietQRAmount($0) })
            // The code's own point of initiation, left for building to decide where that decides the same: a
            // payment read back equals the payment built.
            if VietQRPayment.initiation(hasAmount: index.amount.isPresent) != initiation {
                payment.initiation = initiation
            }
            // Reading has checked 53 and 58: they are 704 and VN, as a payment starts out.
            payment.merchantCategoryCode = optional(index.merchantCategory)
            payment.merchantName = optional(index.merchantName)
            payment.merchantCity = optional(index.merchantCity)
            payment.postalCode = optional(index.postalCode)
            let tip = index.tip
            if tip.isPresent {
                // Reading has checked that 55 is 01, 02 or 03, with 56 or 57 as it asks.
                if bytes.equals(tip, "02") {
                    payment.tip = .fixedFee(VietQRAmount(string(index.fixedFee)))
                } else if bytes.equals(tip, "03") {
                    payment.tip = .percentageFee(string(index.percentageFee))
                } else {
                    payment.tip = .prompt
                }
            }
            for tag in 1...9 where index[additional: tag].isPresent {
                payment.additionalData[tag] = string(index[additional: tag])
            }
            if index.languageTemplate.isPresent {
                payment.alternateLanguage = VietQRPayment.AlternateLanguage(
                    language: string(index.language), name: string(index.languageName),
                    city: optional(index.languageCity))
            }
            return payment
        }
    }

    /// Whether the value at `span` is `literal`.
    func value(at span: FieldIndex.Span, is literal: StaticString) -> Bool {
        emv.bytes.withUnsafeBufferPointer { PayloadBytes(buffer: $0).equals(span, literal) }
    }

    func string(_ span: FieldIndex.Span) -> String {
        emv.bytes.withUnsafeBufferPointer { PayloadBytes(buffer: $0).text(span) }
    }

    func optionalString(_ span: FieldIndex.Span) -> String? {
        span.isPresent ? string(span) : nil
    }
}
