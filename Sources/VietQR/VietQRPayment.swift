// A VietQR (NAPAS 247) payment: an EMVCo MPM payload whose merchant account template 38 carries NAPAS's GUID.
//
//     payload   = 00 "01" 01 initiation 38 napas [52 mcc] 53 "704" [54 amount] [55 tip [56 fee / 57 pct]]
//                 58 "VN" [59 name] [60 city] [61 postal] [62 additional] [64 language] 63 crc
//     initiation = "11" / "12"                      ; static (reusable) / dynamic (one order)
//     napas     = 00 "A000000727" 01 beneficiary 02 service
//     beneficiary = 00 6DIGIT 01 1*19alnum          ; acquirer BIN, account or card number
//     service   = 1*10 ASCII                        ; building: one of VietQRService.known
//     amount    = 1*13(DIGIT / ".")                 ; VND: whole numbers
//     additional = [01 bill] [02 mobile] [03 store] [04 loyalty] [05 reference] [06 customer] [07 terminal]
//                 [08 purpose] [09 request]         ; each at most 25 printable ASCII, 09 at most 3 of "AME"
//     language  = 00 2ALPHA 01 name [02 city]       ; UTF-8 allowed
//
// Sources: NAPAS, "Technical Specifications on NAPAS QR Switching, Part IV: QR code format" v1.5.2 (10/2022) and
// its Vietnamese v1.0 (09/2021), https://vietqr.net/portal-service/download/documents/ (the field table as the
// napas-qr-python README and fields.py reproduce it); EMVCo QRCPS-MPM v1.1 for 52–64; the NAPAS reference
// payloads in Fixtures/VietQR/valid.tsv.

/// A VietQR payment: who is paid, through which bank, how much and what for.
///
/// Make one to build a code with ``build()``; read one from a scanned code with ``VietQRPayload``.
///
/// ```swift
/// var payment = VietQRPayment(bin: "970436", account: "0011001234567")
/// payment.amount = 50_000                 // whole dong
/// payment.additionalData.purpose = "Mua rau"
/// let code = try payment.build()          // dynamic (12): it has an amount
/// print(code.text)   // 00020101021238570010A0000007270127000697043601130011001234567...
/// ```
///
/// The point of initiation is decided when building, unless set: a payment with an amount is a dynamic code for
/// one order, one without a static code the payer fills in. A payment read from a code sets ``initiation`` only where
/// the code's differs from that (a static code with an amount, a dynamic one without); ``resolvedInitiation`` is
/// always the code's.
public struct VietQRPayment: Sendable, Hashable {
    /// Whether the code is for repeated use (static) or one order (dynamic), tag 01; `nil` to decide when
    /// building, from ``amount`` (see ``resolvedInitiation``).
    public var initiation: Initiation?
    /// The acquirer's six-digit bank identification number, tag 38.01.00.
    public var bin: String
    /// The beneficiary's account or card number (or the merchant or ATM ID), tag 38.01.01; at most 19.
    public var account: String
    /// What the payer's bank is asked to do, tag 38.02.
    public var service: VietQRService
    /// The amount, tag 54: whole dong when building; as written when read (see ``VietQRAmount``).
    public var amount: VietQRAmount?
    /// The ISO 4217 numeric currency, tag 53: "704" for the dong.
    public var currency: String
    /// The ISO 3166 country, tag 58: "VN".
    public var country: String
    /// The ISO 18245 merchant category code, tag 52, for example "5812" for restaurants.
    public var merchantCategoryCode: String?
    /// The merchant name, tag 59; at most 25 ASCII characters.
    public var merchantName: String?
    /// The merchant city, tag 60; at most 15 ASCII characters.
    public var merchantCity: String?
    /// The postal code, tag 61; at most 10.
    public var postalCode: String?
    /// A tip prompt or a convenience fee, tags 55–57.
    public var tip: Tip?
    /// Bill number, purpose and the other sub-fields of tag 62.
    public var additionalData: AdditionalData
    /// The merchant's name and city in another language, tag 64; the only place UTF-8 may go.
    public var alternateLanguage: AlternateLanguage?

    /// Makes a payment.
    ///
    /// - Parameters:
    ///   - bin: The acquirer BIN, for example "970436" for Vietcombank; see ``BankDirectory``.
    ///   - account: The account or card number.
    ///   - service: ``VietQRService/accountTransfer`` unless given.
    ///   - amount: The amount in dong, or `nil` to let the payer enter it.
    ///   - initiation: Static or dynamic; by default (`nil`) decided when building: dynamic when there is an amount
    ///     and static otherwise.
    public init(
        bin: String,
        account: String,
        service: VietQRService = .accountTransfer,
        amount: VietQRAmount? = nil,
        initiation: Initiation? = nil
    ) {
        self.initiation = initiation
        self.bin = bin
        self.account = account
        self.service = service
        self.amount = amount
        self.currency = "704"
        self.country = "VN"
        self.additionalData = AdditionalData()
    }

    /// The point of initiation a build writes: ``initiation`` when set, otherwise dynamic with an amount and static
    /// without.
    public var resolvedInitiation: Initiation {
        initiation ?? Self.initiation(hasAmount: amount != nil)
    }

    /// The point of initiation building decides: dynamic for a payment with an amount, static without.
    static func initiation(hasAmount: Bool) -> Initiation {
        hasAmount ? .dynamic : .static
    }

    /// The point of initiation method, tag 01.
    public enum Initiation: String, Sendable, Hashable, CaseIterable {
        /// "11": the same code serves every payment, such as a shop's counter code.
        case `static` = "11"
        /// "12": the code is for one order, usually with its amount.
        case dynamic = "12"
    }

    /// Tip or convenience fee, tags 55–57 (EMVCo QRCPS-MPM 4.7.4–4.7.6).
    public enum Tip: Sendable, Hashable {
        /// 55 = "01": the payer's app asks for a tip.
        case prompt
        /// 55 = "02" with the fixed fee in 56, whole dong when building.
        case fixedFee(VietQRAmount)
        /// 55 = "03" with the percentage in 57, for example "3.5"; at most 5 characters.
        case percentageFee(String)
    }

    /// The sub-fields of the additional data template, tag 62 (EMVCo QRCPS-MPM 4.8; NAPAS keeps 01–09).
    ///
    /// Each is at most 25 printable ASCII characters; ``build()`` folds Vietnamese letters.
    public struct AdditionalData: Sendable, Hashable {
        /// 62.01, an invoice or bill number.
        public var billNumber: String?
        /// 62.02, a mobile number, for example for a top-up.
        public var mobileNumber: String?
        /// 62.03, the store.
        public var storeLabel: String?
        /// 62.04, a loyalty card number.
        public var loyaltyNumber: String?
        /// 62.05, a reference for the transaction; required for QRCASH.
        public var referenceLabel: String?
        /// 62.06, the customer.
        public var customerLabel: String?
        /// 62.07, the terminal; required for QRCASH (the ATM).
        public var terminalLabel: String?
        /// 62.08, the purpose of the transaction: the transfer message the payee sees.
        public var purpose: String?
        /// 62.09, what the payer's app should ask for: up to three of "A" (address), "M" (mobile), "E" (email).
        public var consumerDataRequest: String?

        /// No sub-fields.
        public init() {}

        /// Each sub-field with its tag, in tag order.
        public var fields: [(tag: Int, value: String?)] {
            [
                (1, billNumber), (2, mobileNumber), (3, storeLabel), (4, loyaltyNumber), (5, referenceLabel),
                (6, customerLabel), (7, terminalLabel), (8, purpose), (9, consumerDataRequest),
            ]
        }

        /// Whether no sub-field is set.
        public var isEmpty: Bool { fields.allSatisfy { $0.value == nil } }

        /// The value of sub-field `tag`, 1–9.
        public subscript(tag: Int) -> String? {
            get { fields.first { $0.tag == tag }?.value ?? nil }
            set {
                switch tag {
                case 1: billNumber = newValue
                case 2: mobileNumber = newValue
                case 3: storeLabel = newValue
                case 4: loyaltyNumber = newValue
                case 5: referenceLabel = newValue
                case 6: customerLabel = newValue
                case 7: terminalLabel = newValue
                case 8: purpose = newValue
                case 9: consumerDataRequest = newValue
                default: preconditionFailure("VietQR additional data sub-fields run from 01 to 09")
                }
            }
        }
    }

    /// The merchant information in an alternate language, tag 64 (EMVCo QRCPS-MPM 4.9).
    public struct AlternateLanguage: Sendable, Hashable {
        /// 64.00, the ISO 639-1 language, for example "vi".
        public var language: String
        /// 64.01, the merchant name in that language, for example "Quán Cô Ba"; at most 25 characters.
        public var name: String
        /// 64.02, the city in that language, for example "Hà Nội"; at most 15 characters.
        public var city: String?

        /// Makes the template.
        public init(language: String, name: String, city: String? = nil) {
            self.language = language
            self.name = name
            self.city = city
        }
    }
}

/// The NAPAS service code, tag 38.02.
///
/// Reading keeps codes NAPAS does not define (with a warning); building takes only the four below.
public struct VietQRService: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// QRIBFTTA: NAPAS 247 inter-bank transfer to an account.
    public static let accountTransfer = VietQRService(rawValue: "QRIBFTTA")
    /// QRIBFTTC: NAPAS 247 inter-bank transfer to a card.
    public static let cardTransfer = VietQRService(rawValue: "QRIBFTTC")
    /// QRPUSH: payment to a merchant.
    public static let merchantPayment = VietQRService(rawValue: "QRPUSH")
    /// QRCASH: cash withdrawal at an ATM (NAPAS spec 1.4, 2019-01-30).
    public static let cashWithdrawal = VietQRService(rawValue: "QRCASH")

    /// The four codes NAPAS defines: the one list that reading, building and the messages use.
    public static let known: [VietQRService] = [accountTransfer, cardTransfer, merchantPayment, cashWithdrawal]

    /// Whether NAPAS defines this code.
    public var isKnown: Bool { Self.known.contains(self) }

    /// The NAPAS code at `span` of `bytes`, or `nil`.
    static func known(_ bytes: PayloadBytes, _ span: FieldIndex.Span) -> VietQRService? {
        knownPosition(bytes, span).map { known[$0] }
    }

    /// The service code at `span` of `bytes`: one of ``known`` without making a string, or the code as written.
    init(_ bytes: PayloadBytes, _ span: FieldIndex.Span) {
        self = Self.known(bytes, span) ?? VietQRService(rawValue: bytes.text(span))
    }

    /// The position in ``known`` of the NAPAS code at `span` of `bytes`, or `nil`; no string is made.
    @inline(__always)
    static func knownPosition(_ bytes: PayloadBytes, _ span: FieldIndex.Span) -> Int? {
        // Every code is at most 8 bytes: one word each, first byte lowest, compared with the value's.
        guard span.count >= 1, span.count <= 8 else { return nil }
        let word = bytes.shortWord(span)
        let words = knownWords
        for i in 0..<words.count where words[i] == word { return i }
        return nil
    }

    /// ``known`` as words, first byte lowest.
    private static let knownWords: [UInt64] = known.map { code in
        code.rawValue.utf8.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    /// The four codes as messages list them: "QRIBFTTA, QRIBFTTC, QRPUSH, QRCASH".
    static var knownList: String { known.map(\.rawValue).joined(separator: ", ") }
}
