public import EMVQR
public import VietnameseText

extension VietQRPayment {
    /// A payload made by ``VietQRPayment/build()``.
    public struct Built: Sendable, Hashable {
        /// The payload's bytes, ending in tag 63 and its CRC.
        public let payload: [UInt8]
        /// Every text field whose Vietnamese letters were folded to ASCII, in tag order.
        public let folds: [Fold]
        /// What reading the payload back reports, for example a static code with an amount.
        public let warnings: [VietQRWarning]

        /// The payload as text; always ASCII outside tag 64.
        public var text: String { String(decoding: payload, as: UTF8.self) }
    }

    /// A text field whose value the builder folded.
    public struct Fold: Sendable, Hashable, CustomStringConvertible {
        /// The field, for example `62.08`.
        public let path: TagPath
        /// The value as given.
        public let original: String
        /// The value as written.
        public let folded: String
        /// Each character changed.
        public let replacements: [FoldedText.Replacement]

        public var description: String {
            "\(path): \"\(original)\" → \"\(folded)\" (\(replacements.map(\.description).joined(separator: ", ")))"
        }
    }

    /// Builds the payload that banking apps read.
    ///
    /// The builder writes the fields in tag order, as NAPAS's examples do, and enforces what those apps need:
    /// - the BIN is 6 digits and the account 1–19 letters and digits;
    /// - the service is one of the four NAPAS codes; QRPUSH has a merchant name and city, QRCASH a reference
    ///   (62.05) and a terminal (62.07);
    /// - a VND amount is a whole number from 1, at most 13 digits;
    /// - every field keeps to its length: name 25, city 15, postal code 10, each of 62.01–62.09 25 (the purpose
    ///   too), 62.09 up to three of "A", "M", "E";
    /// - the merchant name, city and additional data are printable ASCII. Vietnamese letters in them are folded
    ///   ("Nguyễn Thị Lan" is written "Nguyen Thi Lan") and listed in ``Built/folds``; UTF-8 goes only in tag 64.
    ///
    /// - Returns: The payload, the folds, and the warnings of reading it back.
    /// - Throws: ``VietQRError`` naming the field it cannot represent; its offset counts characters into the
    ///   value.
    public func build() throws(VietQRError) -> Built {
        let P = VietQRPaths.self
        try Self.require(bin, P.bin, .invalidBIN, "6 digits, such as 970436") {
            $0.count == 6 && $0.allSatisfy(\.isDigit)
        }
        try Self.require(account, P.account, .invalidAccount, "1–19 letters and digits") {
            !$0.isEmpty && $0.count <= VietQRLimits.account && $0.allSatisfy { $0.isDigit || $0.isLetter }
        }
        guard service.isKnown else {
            throw VietQRError(
                code: .invalidService, offset: 0, path: P.service,
                message: "the service \"\(service)\" is not one of \(VietQRService.knownList)")
        }
        guard currency == "704" else {
            throw VietQRError(
                code: .invalidCurrency, offset: 0, path: P.currency,
                message: "the currency is \"\(currency)\"; VietQR payments are in dong, 704")
        }
        guard country == "VN" else {
            throw VietQRError(
                code: .invalidCountry, offset: 0, path: P.country,
                message: "the country is \"\(country)\"; it must be VN")
        }
        if let amount { try Self.requireWholeDong(amount, P.amount) }
        if let merchantCategoryCode {
            try Self.require(merchantCategoryCode, P.merchantCategory, .invalidMerchantCategory, "4 digits") {
                $0.count == 4 && $0.allSatisfy(\.isDigit)
            }
        }
        switch tip {
        case .fixedFee(let fee): try Self.requireWholeDong(fee, P.fixedFee)
        case .percentageFee(let percentage):
            guard VietQRAmount.isWellFormed(Array(percentage.utf8), limit: VietQRLimits.percentage) else {
                throw VietQRError(
                    code: .invalidTip, offset: 0, path: P.percentageFee,
                    message: "the percentage fee \"\(percentage)\" must be a number of at most 5 characters, "
                        + "such as 3.5")
            }
        case .prompt, nil: break
        }

        var folds: [Fold] = []
        let name = try Self.ascii(merchantName, P.merchantName, limit: VietQRLimits.merchantName, folds: &folds)
        let city = try Self.ascii(merchantCity, P.merchantCity, limit: VietQRLimits.merchantCity, folds: &folds)
        let postal = try Self.ascii(
            postalCode, P.postalCode, limit: VietQRLimits.postalCode, folding: false, folds: &folds)
        var additional: [(tag: Int, value: String)] = []
        for (tag, value) in additionalData.fields {
            let limit = tag == 9 ? VietQRLimits.consumerDataRequest : VietQRLimits.additional
            if let text = try Self.ascii(value, P.additional(tag), limit: limit, folds: &folds) {
                additional.append((tag, text))
            }
        }
        if let request = additionalData.consumerDataRequest {
            try Self.require(request, P.additional(9), .invalidCharacters, "up to three of A, M and E, once each") {
                $0.allSatisfy { "AME".contains($0) } && Set($0).count == $0.count
            }
        }
        // Required fields per service, from NAPAS's QRPUSH and QRCASH reference codes (Fixtures/VietQR).
        if service == .merchantPayment {
            if name == nil { throw Self.missing(P.merchantName, "a QRPUSH merchant payment needs a merchant name") }
            if city == nil { throw Self.missing(P.merchantCity, "a QRPUSH merchant payment needs a merchant city") }
        }
        if service == .cashWithdrawal {
            if additionalData.referenceLabel == nil {
                throw Self.missing(P.additional(5), "a QRCASH withdrawal needs a reference label (62.05)")
            }
            if additionalData.terminalLabel == nil {
                throw Self.missing(P.additional(7), "a QRCASH withdrawal needs the ATM's terminal label (62.07)")
            }
        }
        if let alternateLanguage { try Self.check(alternateLanguage) }

        let payload: [UInt8]
        do {
            payload = try serialize(name: name, city: city, postal: postal, additional: additional)
        } catch let error as EMVQRError {
            throw VietQRError(error)
        } catch {
            // EMVSerializer.appendTemplate is untyped, but only EMVQRError comes out of it here.
            throw VietQRError(code: .fieldTooLong, offset: 0, path: .root, message: "cannot serialize: \(error)")
        }
        // Reading back proves the payload well-formed and lists the deviations the caller chose (a static code
        // with an amount, an unknown BIN...).
        let readBack = try VietQRPayload(parsing: payload[...])
        return Built(payload: payload, folds: folds, warnings: readBack.warnings)
    }

    private func serialize(
        name: String?,
        city: String?,
        postal: String?,
        additional: [(tag: Int, value: String)]
    ) throws -> [UInt8] {
        var out = EMVSerializer()
        try out.appendPrimitive(tag: 0, "01")
        try out.appendPrimitive(tag: 1, resolvedInitiation.rawValue)
        try out.appendTemplate(tag: 38) { (napas: inout EMVSerializer) in
            try napas.appendPrimitive(tag: 0, VietQRPayload.napasGUID)
            try napas.appendTemplate(tag: 1) { (beneficiary: inout EMVSerializer) in
                try beneficiary.appendPrimitive(tag: 0, bin)
                try beneficiary.appendPrimitive(tag: 1, account)
            }
            try napas.appendPrimitive(tag: 2, service.rawValue)
        }
        if let merchantCategoryCode { try out.appendPrimitive(tag: 52, merchantCategoryCode) }
        try out.appendPrimitive(tag: 53, currency)
        if let amount { try out.appendPrimitive(tag: 54, amount.text) }
        switch tip {
        case .prompt: try out.appendPrimitive(tag: 55, "01")
        case .fixedFee(let fee):
            try out.appendPrimitive(tag: 55, "02")
            try out.appendPrimitive(tag: 56, fee.text)
        case .percentageFee(let percentage):
            try out.appendPrimitive(tag: 55, "03")
            try out.appendPrimitive(tag: 57, percentage)
        case nil: break
        }
        try out.appendPrimitive(tag: 58, country)
        if let name { try out.appendPrimitive(tag: 59, name) }
        if let city { try out.appendPrimitive(tag: 60, city) }
        if let postal { try out.appendPrimitive(tag: 61, postal) }
        if !additional.isEmpty {
            try out.appendTemplate(tag: 62) { (template: inout EMVSerializer) in
                for (tag, value) in additional { try template.appendPrimitive(tag: tag, value) }
            }
        }
        if let alternateLanguage {
            try out.appendTemplate(tag: 64) { (template: inout EMVSerializer) in
                try template.appendPrimitive(tag: 0, alternateLanguage.language)
                try template.appendPrimitive(tag: 1, alternateLanguage.name)
                if let city = alternateLanguage.city { try template.appendPrimitive(tag: 2, city) }
            }
        }
        return try out.finalize()
    }

    // MARK: Rules

    private static func require(
        _ value: String,
        _ path: TagPath,
        _ code: VietQRError.Code,
        _ expected: String,
        _ isValid: (String) -> Bool
    ) throws(VietQRError) {
        guard !isValid(value) else { return }
        throw VietQRError(
            code: code, offset: 0, path: path, message: "\(path) is \"\(value)\"; it must be \(expected)")
    }

    /// A VND amount: ISO 4217 gives the dong no minor unit, and banks write whole numbers (NAPAS examples,
    /// vietqrjs's amount rule).
    private static func requireWholeDong(_ amount: VietQRAmount, _ path: TagPath) throws(VietQRError) {
        let digits = Array(amount.text.utf8)
        guard !VietQRAmount.isWholeDong(digits) else { return }
        if let bad = digits.firstIndex(where: { $0 &- 0x30 >= 10 }) {
            throw VietQRError(
                code: .invalidAmount, offset: bad, path: path,
                message: "\(path) is \"\(amount)\"; a VND amount is a whole number of dong, digits only")
        }
        throw VietQRError(
            code: .invalidAmount, offset: 0, path: path,
            message: "\(path) is \"\(amount)\"; it must be 1 to 13 digits, from 1 and without leading zeros")
    }

    /// Folds a text field to printable ASCII (when `folding`) and checks its length; `nil` for an absent or empty
    /// value. A fold that changed something is appended to `folds`.
    private static func ascii(
        _ value: String?,
        _ path: TagPath,
        limit: Int,
        folding: Bool = true,
        folds: inout [Fold]
    ) throws(VietQRError) -> String? {
        guard let value, !value.isEmpty else { return nil }
        var text = value
        if folding {
            let folded = VietnameseFolding.fold(value)
            if !folded.replacements.isEmpty {
                folds.append(Fold(path: path, original: value, folded: folded.text, replacements: folded.replacements))
                text = folded.text
            }
        }
        if let bad = text.firstIndex(where: { !($0.isASCII && $0 >= " " && $0 <= "~") }) {
            throw VietQRError(
                code: .invalidCharacters, offset: text.distance(from: text.startIndex, to: bad), path: path,
                message: "\(path) holds \"\(text[bad])\", which is not printable ASCII and not a Vietnamese letter; "
                    + "put non-Latin text in the alternate-language template (64)")
        }
        guard text.count <= limit else {
            throw VietQRError(
                code: .fieldTooLong, offset: limit, path: path,
                message: "\(path) is \(text.count) characters long (\"\(text)\"); the limit is \(limit)")
        }
        return text
    }

    private static func missing(_ path: TagPath, _ message: String) -> VietQRError {
        VietQRError(code: .missingField, offset: 0, path: path, message: message)
    }

    /// Tag 64 (EMVCo 4.9): a two-letter language and a name, in any script, without control characters.
    private static func check(_ alternate: AlternateLanguage) throws(VietQRError) {
        let P = VietQRPaths.self
        try require(alternate.language, P.language, .invalidLanguage, "an ISO 639-1 code such as vi") {
            $0.utf8.count == 2 && $0.utf8.allSatisfy { $0 &- 0x61 < 26 }
        }
        for (value, path, limit) in [
            (alternate.name, P.languageName, VietQRLimits.languageName),
            (alternate.city ?? "", P.languageCity, VietQRLimits.languageCity),
        ] {
            if path == P.languageName && value.isEmpty {
                throw missing(path, "the alternate-language template needs a name (64.01)")
            }
            if let bad = value.unicodeScalars.firstIndex(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw VietQRError(
                    code: .invalidCharacters,
                    offset: value.unicodeScalars.distance(
                        from: value.unicodeScalars.startIndex, to: bad),
                    path: path, message: "\(path) holds a control character")
            }
            guard value.unicodeScalars.count <= limit else {
                throw VietQRError(
                    code: .fieldTooLong, offset: limit, path: path,
                    message: "\(path) is \(value.unicodeScalars.count) characters long; the limit is \(limit)")
            }
        }
    }
}

extension Character {
    fileprivate var isDigit: Bool { isASCII && ("0"..."9").contains(self) }
    fileprivate var isLetter: Bool { isASCII && (("a"..."z").contains(self) || ("A"..."Z").contains(self)) }
}
