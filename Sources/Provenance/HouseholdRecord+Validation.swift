import EMVQR

extension HouseholdRecord {
    /// The record as it will be signed: every text in NFC, every field checked, place names filled from the
    /// 2025-07-01 lists.
    ///
    /// Where a commune code is in the lists, the lists' names win over names the record gives, and the names do not
    /// travel in the code. A pre-2025 commune code is accepted; then the record must give both names.
    ///
    /// - Returns: The normalized record.
    /// - Throws: ``ProvenanceError`` naming the first field that is wrong, with its tag path.
    public func validated() throws(ProvenanceError) -> HouseholdRecord {
        var out = self
        out.householdID = try Self.checkHouseholdID(householdID, path: TagPath(HouseholdTag.householdID))
        out.head = try Self.checkText(head, path: TagPath(HouseholdTag.head), what: "the head of household's name")
        out.place.village = try Self.checkText(place.village, path: TagPath(HouseholdTag.village), what: "the village")
        out.place.provinceCode = try Self.checkDigits(
            place.provinceCode, count: 2, path: TagPath(HouseholdTag.provinceCode), what: "the province code")
        switch try AdminUnits.match(communeCode: out.communeCode, provinceCode: out.place.provinceCode) {
        case .current(let commune, let province):
            out.place.communeName = commune.name
            out.place.provinceName = province.name
        case .pre2025:
            guard let communeName = place.communeName, let provinceName = place.provinceName else {
                throw ProvenanceError(
                    code: .missingField, path: TagPath(HouseholdTag.communeName),
                    message: "commune \(out.communeCode) is not in the 2025-07-01 list; a pre-2025 code is accepted "
                        + "but the record must then give the commune and province names")
            }
            out.place.communeName = try Self.checkText(
                communeName, path: TagPath(HouseholdTag.communeName), what: "the commune name")
            out.place.provinceName = try Self.checkText(
                provinceName, path: TagPath(HouseholdTag.provinceName), what: "the province name")
        }
        guard !wasteTreatment.isEmpty else {
            throw ProvenanceError(
                code: .missingField, path: TagPath(HouseholdTag.waste),
                message: "give at least one waste treatment (\(WasteTreatment.namesList))")
        }
        guard Set(wasteTreatment).count == wasteTreatment.count else {
            throw ProvenanceError(
                code: .invalidField, path: TagPath(HouseholdTag.waste), message: "a waste treatment is listed twice")
        }
        guard products.count <= HouseholdTag.products.count else {
            throw ProvenanceError(
                code: .tooLong, path: TagPath(HouseholdTag.products.upperBound),
                message: "a code holds at most \(HouseholdTag.products.count) products, not \(products.count)")
        }
        for (i, product) in products.enumerated() {
            let tag = HouseholdTag.products.lowerBound + i
            out.products[i].name = try Self.checkText(
                product.name, path: TagPath(tag, HouseholdTag.Product.name), what: "product \(i + 1)'s name")
            out.products[i].season = try Self.checkText(
                product.season, path: TagPath(tag, HouseholdTag.Product.season), what: "product \(i + 1)'s season")
            if let certificate = product.certificate {
                out.products[i].certificate = try Self.checkText(
                    certificate, path: TagPath(tag, HouseholdTag.Product.certificate),
                    what: "product \(i + 1)'s certificate")
            }
            if let process = product.process {
                out.products[i].process = try Self.checkText(
                    process, path: TagPath(tag, HouseholdTag.Product.process), what: "product \(i + 1)'s note")
            }
        }
        guard issued <= expires else {
            throw ProvenanceError(
                code: .invalidValidity, path: TagPath(HouseholdTag.expires),
                message: "the expiry date \(expires) is before the issue date \(issued)")
        }
        if let url {
            out.url = try Self.checkURL(url, path: TagPath(HouseholdTag.url))
        }
        if let verifierAddress {
            out.verifierAddress = try Self.checkVerifierAddress(
                verifierAddress, path: TagPath(HouseholdTag.verifierAddress))
        }
        return out
    }

    /// Whether the commune code is a pre-2025 code, accepted with a note.
    public var hasPre2025Place: Bool { AdminUnits.commune(code: communeCode) == nil }

    // MARK: Field grammars, shared with decoding

    /// `householdID = 5DIGIT "-" 1*6DIGIT`.
    static func checkHouseholdID(_ text: String, path: TagPath, offset: Int = 0) throws(ProvenanceError) -> String {
        let bytes = Array(text.utf8)
        let digit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        guard bytes.count >= 7, bytes.count <= 12, bytes[5] == UInt8(ascii: "-"),
            bytes[0..<5].allSatisfy(digit), bytes[6...].allSatisfy(digit)
        else {
            throw ProvenanceError(
                code: .invalidField, offset: offset, path: path,
                message: "household ID \"\(text)\" is not the commune code, a hyphen and the household number "
                    + "(1–6 digits), for example 18223-0042")
        }
        return text
    }

    /// Text: NFC, 1–99 UTF-8 bytes, no control characters.
    static func checkText(
        _ text: String, path: TagPath, what: String, offset: Int = 0, normalizing: Bool = true
    ) throws(ProvenanceError)
        -> String
    {
        // Reading a scanned code checks the text as signed; only issuing normalizes.
        let normalized = normalizing ? text.nfc : text
        let count = normalized.utf8.count
        guard count > 0 else {
            throw ProvenanceError(code: .missingField, offset: offset, path: path, message: "\(what) is empty")
        }
        guard count <= 99 else {
            throw ProvenanceError(
                code: .tooLong, offset: offset, path: path,
                message: "\(what) is \(count) UTF-8 bytes long; a field holds at most 99")
        }
        // Control characters could move a terminal's cursor or hide text when a buyer's screen shows the record, and
        // bidirectional overrides and isolates could make one name display as another.
        if let bad = normalized.unicodeScalars.first(where: {
            $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value)
        }) {
            throw ProvenanceError(
                code: .invalidField, offset: offset, path: path,
                message:
                    "\(what) holds the control or direction character U+\(String(bad.value, radix: 16, uppercase: true))"
            )
        }
        return normalized
    }

    /// `count DIGIT`.
    static func checkDigits(
        _ text: String, count: Int, path: TagPath, what: String, offset: Int = 0
    )
        throws(ProvenanceError) -> String
    {
        guard text.utf8.count == count, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            throw ProvenanceError(
                code: .invalidField, offset: offset, path: path, message: "\(what) \"\(text)\" is not \(count) digits")
        }
        return text
    }

    /// `"https://" 1*(printable ASCII but space)`, at most 99 bytes.
    static func checkURL(_ text: String, path: TagPath, offset: Int = 0) throws(ProvenanceError) -> String {
        guard text.hasPrefix("https://"), text.utf8.count > 8, text.utf8.count <= 99,
            text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F })
        else {
            throw ProvenanceError(
                code: .invalidField, offset: offset, path: path,
                message: "the online details must be an https:// URL of at most 99 printable ASCII characters")
        }
        return text
    }

    /// Whether `text` is a verifier address: `"https://" host [":" port] path`, at most 99 bytes, where host is
    /// `1*(lowercase letter / digit / "." / "-")`, port `1*5DIGIT`, and path `"/" *(pchar / "/")` with RFC 3986's
    /// pchar (unreserved, percent-escapes, sub-delims, ":" and "@"). No query, no fragment: it is what a browser shows
    /// as the page's origin and path, so a reader compares the two byte for byte.
    ///
    /// - Returns: The offset of the first byte that breaks the grammar, or `nil` when `text` is an address.
    package static func verifierAddressError(_ text: some Collection<UInt8>) -> Int? {
        let bytes = Array(text)
        let scheme = Array("https://".utf8)
        guard bytes.starts(with: scheme) else {
            return zip(bytes, scheme).prefix(while: { $0 == $1 }).count
        }
        var i = scheme.count
        let hostStart = i
        while i < bytes.count, Self.isHostByte(bytes[i]) { i += 1 }
        guard i > hostStart else { return i }
        if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            i += 1
            let portStart = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            guard i > portStart, i - portStart <= 5 else { return i }
        }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "/") else { return i }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, HouseholdLink.hexValue(bytes[i + 1]) != nil,
                    HouseholdLink.hexValue(bytes[i + 2]) != nil
                else { return i }
                i += 3
            } else if HouseholdLink.isPathByte(bytes[i]) {
                i += 1
            } else {
                return i
            }
        }
        return bytes.count > 99 ? 99 : nil
    }

    static func isHostByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "-")
    }

    /// A verifier address (tag 13): see ``verifierAddressError(_:)``.
    static func checkVerifierAddress(
        _ text: String, path: TagPath, offset: Int = 0
    ) throws(ProvenanceError) -> String {
        if let bad = verifierAddressError(text.utf8) {
            throw ProvenanceError(
                code: .invalidField, offset: offset + bad, path: path,
                message: "the verifier address \"\(text)\" must be https://HOST/PATH of at most 99 characters: a "
                    + "lowercase host, a path that starts with /, no query or fragment (byte \(bad))")
        }
        return text
    }
}
