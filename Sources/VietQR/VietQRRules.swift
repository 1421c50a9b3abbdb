import EMVQR

// The NAPAS rules, each stated once: a field's format, its limit and alphabet, and what a service needs. Reading
// (`Check`, in VietQRPayload+Validation.swift) tests a payload's fields in place, in its bytes; building
// (`VietQRPayment.build()`) tests the values it is about to write, through the same statements. Each rule names its
// source; the article VietQRRules.md lists them with links. "NAPAS" is the VietQR format specification (v1.0 VN
// 09/2021, v1.5.2 EN 10/2022) as the field tables of napas-qr-python (fields.py, decode.py) and vietqrjs reproduce
// it; "EMVCo" is QRCPS-MPM v1.1.

/// The NAPAS length limits, in characters.
enum VietQRLimits {
    /// 38.01.01 (NAPAS field table; vietqr.io: "tối đa 19 kí tự").
    static let account = 19
    /// 38.02 (vietqrjs maxLength 10; napas-qr-python fields.py).
    static let service = 10
    /// 54 and 56 (EMVCo 4.7.3, 4.7.5).
    static let amount = 13
    /// 57 (EMVCo 4.7.6).
    static let percentage = 5
    /// 59 (EMVCo 4.7.8; napas-qr-python fields.py).
    static let merchantName = 25
    /// 60 (EMVCo 4.7.9).
    static let merchantCity = 15
    /// 61 (EMVCo 4.7.10).
    static let postalCode = 10
    /// 62.01–62.08 (EMVCo 4.8: "ans ..25"); 62.08 is widely exceeded by real codes, so reading only warns.
    static let additional = 25
    /// 62.09 (EMVCo 4.8.9: any of "A", "M", "E").
    static let consumerDataRequest = 3
    /// 64.01 (EMVCo 4.9.2).
    static let languageName = 25
    /// 64.02 (EMVCo 4.9.3).
    static let languageCity = 15
}

/// The paths the rules report. They are made only when an error or warning is: reading valid codes needs none.
enum VietQRPaths {
    static var initiation: TagPath { TagPath(1) }
    static var napas: TagPath { TagPath(38) }
    static var guid: TagPath { TagPath(38, 0) }
    static var beneficiary: TagPath { TagPath(38, 1) }
    static var bin: TagPath { TagPath(38, 1, 0) }
    static var account: TagPath { TagPath(38, 1, 1) }
    static var service: TagPath { TagPath(38, 2) }
    static var nestedService: TagPath { TagPath(38, 1, 2) }
    static var merchantCategory: TagPath { TagPath(52) }
    static var currency: TagPath { TagPath(53) }
    static var amount: TagPath { TagPath(54) }
    static var tip: TagPath { TagPath(55) }
    static var fixedFee: TagPath { TagPath(56) }
    static var percentageFee: TagPath { TagPath(57) }
    static var country: TagPath { TagPath(58) }
    static var merchantName: TagPath { TagPath(59) }
    static var merchantCity: TagPath { TagPath(60) }
    static var postalCode: TagPath { TagPath(61) }
    /// 62.`tag`, for tags 0–9.
    static func additional(_ tag: Int) -> TagPath { TagPath(62, tag) }
    static var languageTemplate: TagPath { TagPath(64) }
    static var language: TagPath { TagPath(64, 0) }
    static var languageName: TagPath { TagPath(64, 1) }
    static var languageCity: TagPath { TagPath(64, 2) }
}

/// A rule on the format of one field's value: what it accepts, and the code, path and sentence of a value it
/// refuses. Reading and building refuse the same values with the same code.
enum FieldRule {
    /// 38.01.00: the acquirer (BNB) ID is the bank's 6-digit BIN (NAPAS field table; every published example).
    case bin
    /// 38.01.01: letters and digits, at most 19 (NAPAS field table; vietqr.io Quick Link docs: "bao gồm chữ hoặc
    /// số, tối đa 19 kí tự").
    case account
    /// 38.02: 1–10 ASCII characters (vietqrjs maxLength 10; napas-qr-python fields.py). Building also takes only
    /// the four NAPAS codes (``VietQRService/known``); reading warns of another.
    case service
    /// 52: four digits (EMVCo 4.7.1, ISO 18245).
    case merchantCategory
    /// 53: 704, the dong (NAPAS field table).
    case currency
    /// 58: VN (NAPAS field table).
    case country
    /// 54: digits with at most one ".", at most 13 (EMVCo 4.7.3). Building also takes only whole dong
    /// (``VietQRAmount``); reading warns of another.
    case amount
    /// 56: an amount, as 54 (EMVCo 4.7.5).
    case fixedFee
    /// 57: a number of at most 5 characters, such as 3.5 (EMVCo 4.7.6).
    case percentageFee
    /// 64.00: an ISO 639-1 code, two lowercase letters (EMVCo 4.9.1).
    case language

    /// The code of a value the rule refuses.
    var code: VietQRError.Code {
        switch self {
        case .bin: .invalidBIN
        case .account: .invalidAccount
        case .service: .invalidService
        case .merchantCategory: .invalidMerchantCategory
        case .currency: .invalidCurrency
        case .country: .invalidCountry
        case .amount, .fixedFee: .invalidAmount
        case .percentageFee: .invalidTip
        case .language: .invalidLanguage
        }
    }

    /// The field's path.
    var path: TagPath {
        switch self {
        case .bin: VietQRPaths.bin
        case .account: VietQRPaths.account
        case .service: VietQRPaths.service
        case .merchantCategory: VietQRPaths.merchantCategory
        case .currency: VietQRPaths.currency
        case .country: VietQRPaths.country
        case .amount: VietQRPaths.amount
        case .fixedFee: VietQRPaths.fixedFee
        case .percentageFee: VietQRPaths.percentageFee
        case .language: VietQRPaths.language
        }
    }

    /// What the value must be, completing "it must be ...".
    var expectation: String {
        switch self {
        case .bin: "6 digits, such as 970436"
        case .account: "1–\(VietQRLimits.account) letters and digits"
        case .service: "1–\(VietQRLimits.service) ASCII characters"
        case .merchantCategory: "4 digits (an ISO 18245 merchant category code)"
        case .currency: "704: VietQR payments are in dong"
        case .country: "VN"
        case .amount, .fixedFee:
            "digits with at most one '.', \(VietQRLimits.amount) characters at most"
        case .percentageFee: "a number of at most \(VietQRLimits.percentage) characters, such as 3.5"
        case .language: "an ISO 639-1 code such as vi or en"
        }
    }

    /// Whether the rule accepts the value at `span` of `bytes`.
    ///
    /// Transparent, so that each check inlines its one case: the checks are too large for the inliner to take it
    /// whole.
    @_transparent
    func accepts(_ bytes: PayloadBytes, _ span: FieldIndex.Span) -> Bool {
        switch self {
        case .bin: bytes.sixDigits(span) != nil
        case .account: span.count >= 1 && span.count <= VietQRLimits.account && bytes.isAlphanumeric(span)
        case .service: span.count >= 1 && span.count <= VietQRLimits.service && bytes.isPrintableASCII(span)
        case .merchantCategory: span.count == 4 && bytes.isDigits(span)
        case .currency: bytes.equals(span, "704")
        case .country: bytes.equals(span, "VN")
        case .amount, .fixedFee: bytes.amountForm(span, limit: VietQRLimits.amount) != .malformed
        case .percentageFee: bytes.amountForm(span, limit: VietQRLimits.percentage) != .malformed
        case .language: span.count == 2 && bytes.isLowercaseLetters(span)
        }
    }

    /// Whether the rule accepts `value`, a value about to be written.
    func accepts(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { accepts(PayloadBytes(buffer: $0), FieldIndex.Span(0..<$0.count)) }
    }

    /// The error for `value`, which the rule refuses; `path` when the field is not at the rule's own path (a
    /// service code in 38.01.02).
    @inline(never)
    func refusal(_ value: String, at offset: Int, path: TagPath? = nil) -> VietQRError {
        let path = path ?? self.path
        return VietQRError(
            code: code, offset: offset, path: path, message: "\(path) is \"\(value)\"; it must be \(expectation)")
    }

    /// Checks a value about to be written.
    ///
    /// - Throws: ``VietQRError`` with the rule's code, at offset 0: the whole value is at fault.
    func require(_ value: String) throws(VietQRError) {
        guard accepts(value) else { throw refusal(value, at: 0) }
    }
}

/// A text field's limit and alphabet: reading warns of a value beyond them (`fieldTooLong`, `invalidCharacters`),
/// building refuses it with the same code.
enum TextRule: Equatable {
    /// 59 (EMVCo 4.7.8).
    case merchantName
    /// 60 (EMVCo 4.7.9).
    case merchantCity
    /// 61 (EMVCo 4.7.10).
    case postalCode
    /// 62.01–62.09 (EMVCo 4.8).
    case additional(Int)
    /// 64.01 (EMVCo 4.9.2).
    case languageName
    /// 64.02 (EMVCo 4.9.3).
    case languageCity

    /// The field's path.
    var path: TagPath {
        switch self {
        case .merchantName: VietQRPaths.merchantName
        case .merchantCity: VietQRPaths.merchantCity
        case .postalCode: VietQRPaths.postalCode
        case .additional(let tag): VietQRPaths.additional(tag)
        case .languageName: VietQRPaths.languageName
        case .languageCity: VietQRPaths.languageCity
        }
    }

    /// The most characters the field holds.
    var limit: Int {
        switch self {
        case .merchantName: VietQRLimits.merchantName
        case .merchantCity: VietQRLimits.merchantCity
        case .postalCode: VietQRLimits.postalCode
        case .additional(let tag): tag == 9 ? VietQRLimits.consumerDataRequest : VietQRLimits.additional
        case .languageName: VietQRLimits.languageName
        case .languageCity: VietQRLimits.languageCity
        }
    }

    /// Whether the field takes printable ASCII only, as fields 52–62 do (EMVCo "ans"); tag 64's take any text
    /// without control characters.
    var isASCII: Bool {
        switch self {
        case .languageName, .languageCity: false
        default: true
        }
    }

    /// Whether building folds Vietnamese letters to ASCII: in names, cities and additional data, not in a postal
    /// code or in tag 64.
    var folds: Bool {
        switch self {
        case .merchantName, .merchantCity, .additional: true
        case .postalCode, .languageName, .languageCity: false
        }
    }

    /// The length of the value at `span` of `bytes`, in characters (Unicode scalars), and whether it is all
    /// printable ASCII: one pass for an ASCII value, which counts itself.
    @inline(__always)
    func measure(_ bytes: PayloadBytes, _ span: FieldIndex.Span) -> (length: Int, printable: Bool) {
        let printable = bytes.isPrintableASCII(span)
        return (printable ? span.count : bytes.characterCount(span), printable)
    }

    /// Whether the value at `span` of `bytes` keeps to the field's letters beyond its alphabet: 62.09 holds up to
    /// three of "A" (address), "M" (mobile) and "E" (email), each at most once (EMVCo 4.8.9). Reading warns of a
    /// value that does not (`invalidCharacters`), building refuses it with the same code.
    @inline(__always)
    func acceptsLetters(_ bytes: PayloadBytes, _ span: FieldIndex.Span) -> Bool {
        self != .additional(9) || bytes.isConsumerDataRequest(span)
    }

    /// The sentence for a value ``acceptsLetters(_:_:)`` refuses.
    func lettersRefusal(_ value: String) -> String {
        "\(path) is \"\(value)\"; it must be up to three of A, M and E, once each"
    }

    /// The field, as a message names one it needs: "a merchant name (59)".
    var noun: String {
        switch self {
        case .merchantName: "a merchant name (59)"
        case .merchantCity: "a merchant city (60)"
        case .postalCode: "a postal code (61)"
        case .additional(5): "a reference label (62.05)"
        case .additional(7): "the terminal label (62.07)"
        case .additional(let tag): "62.0\(tag)"
        case .languageName: "a name (64.01)"
        case .languageCity: "a city (64.02)"
        }
    }
}

extension VietQRService {
    /// The fields a payment with this service needs beyond the payee, from NAPAS's QRPUSH and QRCASH reference codes
    /// (Fixtures/VietQR): a QRPUSH merchant payment names the merchant and city, a QRCASH withdrawal the reference
    /// and the ATM's terminal. Building refuses a payment without them (`missingField`).
    var requiredFields: [TextRule] {
        if self == .merchantPayment { return [.merchantName, .merchantCity] }
        if self == .cashWithdrawal { return [.additional(5), .additional(7)] }
        return []
    }

    /// Whether a dynamic code for this service usually states its amount; reading warns of one without
    /// (`dynamicWithoutAmount`). NAPAS's own QRCASH examples are dynamic without one, so QRCASH is exempt.
    var dynamicStatesAmount: Bool { self != .cashWithdrawal }
}
