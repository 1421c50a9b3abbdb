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
        // The rules reading holds a payload to (VietQRRules.swift), on the values about to be written.
        try FieldRule.bin.require(bin)
        try FieldRule.account.require(account)
        guard service.isKnown else {
            throw VietQRError(
                code: .invalidService, offset: 0, path: VietQRPaths.service,
                message: "the service \"\(service)\" is not one of \(VietQRService.knownList)")
        }
        try FieldRule.currency.require(currency)
        try FieldRule.country.require(country)
        if let amount { try Self.requireWholeDong(amount, .amount) }
        if let merchantCategoryCode { try FieldRule.merchantCategory.require(merchantCategoryCode) }
        switch tip {
        case .fixedFee(let fee): try Self.requireWholeDong(fee, .fixedFee)
        case .percentageFee(let percentage): try FieldRule.percentageFee.require(percentage)
        case .prompt, nil: break
        }

        var folds: [Fold] = []
        let name = try Self.text(merchantName, .merchantName, folds: &folds)
        let city = try Self.text(merchantCity, .merchantCity, folds: &folds)
        let postal = try Self.text(postalCode, .postalCode, folds: &folds)
        var additional: [(tag: Int, value: String)] = []
        for (tag, value) in additionalData.fields {
            if let text = try Self.text(value, .additional(tag), folds: &folds) { additional.append((tag, text)) }
        }
        if let alternateLanguage {
            try FieldRule.language.require(alternateLanguage.language)
            guard try Self.text(alternateLanguage.name, .languageName, folds: &folds) != nil else {
                throw Self.missing(VietQRPaths.languageName, "the alternate-language template needs a name (64.01)")
            }
            _ = try Self.text(alternateLanguage.city, .languageCity, folds: &folds)
        }
        // What the service needs beyond the payee (VietQRService.requiredFields), among the text fields written.
        var written: [TextRule] = additional.map { .additional($0.tag) }
        if name != nil { written.append(.merchantName) }
        if city != nil { written.append(.merchantCity) }
        for field in service.requiredFields where !written.contains(field) {
            throw Self.missing(field.path, "a \(service) payment needs \(field.noun)")
        }

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

    /// A VND amount: ISO 4217 gives the dong no minor unit, and banks write whole numbers (NAPAS examples,
    /// vietqrjs's amount rule).
    private static func requireWholeDong(_ amount: VietQRAmount, _ rule: FieldRule) throws(VietQRError) {
        guard VietQRAmount.form(amount.text) != .whole else { return }
        let digits = Array(amount.text.utf8)
        if let bad = digits.firstIndex(where: { $0 &- 0x30 >= 10 }) {
            throw VietQRError(
                code: rule.code, offset: bad, path: rule.path,
                message: "\(rule.path) is \"\(amount)\"; a VND amount is a whole number of dong, digits only")
        }
        throw VietQRError(
            code: rule.code, offset: 0, path: rule.path,
            message: "\(rule.path) is \"\(amount)\"; it must be 1 to 13 digits, from 1 and without leading zeros")
    }

    /// Folds a text field to printable ASCII (where `rule` folds) and holds it to the rule's limit and alphabet, as
    /// reading does; `nil` for an absent or empty value. A fold that changed something is appended to `folds`.
    private static func text(
        _ value: String?,
        _ rule: TextRule,
        folds: inout [Fold]
    ) throws(VietQRError) -> String? {
        guard let value, !value.isEmpty else { return nil }
        let path = rule.path
        var text = value
        if rule.folds {
            let folded = VietnameseFolding.fold(value)
            if !folded.replacements.isEmpty {
                folds.append(Fold(path: path, original: value, folded: folded.text, replacements: folded.replacements))
                text = folded.text
            }
        }
        var utf8 = text
        let (length, printable) = utf8.withUTF8 {
            rule.measure(PayloadBytes(buffer: $0), FieldIndex.Span(0..<$0.count))
        }
        if rule.isASCII && !printable {
            let bad = text.firstIndex { !($0.isASCII && $0 >= " " && $0 <= "~") } ?? text.startIndex
            throw VietQRError(
                code: .invalidCharacters, offset: text.distance(from: text.startIndex, to: bad), path: path,
                message: "\(path) holds \"\(text[bad])\", which is not printable ASCII and not a Vietnamese letter; "
                    + "put non-Latin text in the alternate-language template (64)")
        }
        // Tag 64 takes any script, but no control characters.
        if let bad = text.unicodeScalars.firstIndex(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw VietQRError(
                code: .invalidCharacters,
                offset: text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: bad),
                path: path, message: "\(path) holds a control character")
        }
        guard length <= rule.limit else {
            throw VietQRError(
                code: .fieldTooLong, offset: rule.limit, path: path,
                message: "\(path) is \(length) characters long (\"\(text)\"); the limit is \(rule.limit)")
        }
        guard utf8.withUTF8({ rule.acceptsLetters(PayloadBytes(buffer: $0), FieldIndex.Span(0..<$0.count)) }) else {
            throw VietQRError(code: .invalidCharacters, offset: 0, path: path, message: rule.lettersRefusal(text))
        }
        return text
    }

    private static func missing(_ path: TagPath, _ message: String) -> VietQRError {
        VietQRError(code: .missingField, offset: 0, path: path, message: message)
    }
}
