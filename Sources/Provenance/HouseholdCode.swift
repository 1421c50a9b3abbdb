public import EMVQR

// A household code, version 1 (the specification is Docs.docc/HouseholdCodeSpecificationV1.md):
//
//     code       = format signed-fields [signature] crc
//     format     = "00" "02" "P1"
//     signed-fields = *(field)              ; 01–13 once each, products 80–89 in order, unknown tags tolerated
//     signature  = "25" "86" 86base64url    ; Ed25519 over every byte before "25"
//     crc        = "63" "04" 4HEXDIG        ; CRC-16/CCITT-FALSE, damage detection only
//
// Lengths count UTF-8 bytes. A field's value is at most 99 bytes, the whole code at most 512.

/// A scanned household code, read but not yet trusted.
///
/// Reading checks the grammar: the EMV TLV structure and CRC, the format indicator, that no tag repeats, and where
/// the signature sits. It keeps the exact scanned bytes the signature covers (``signedBytes``), so verification
/// never depends on a re-serialization. The record's own fields are decoded into ``record``, which holds an error
/// instead when a field breaks its grammar; ``HouseholdVerifier`` decides what that means.
public struct HouseholdCode: Sendable {
    /// The parsed TLV structure, over the bytes as scanned.
    public let payload: EMVPayload
    /// The signer's key ID (tag 12), when present.
    public let keyID: String?
    /// The 64-byte Ed25519 signature (tag 25), when present.
    public let signature: [UInt8]?
    /// The bytes the signature covers: the scanned bytes from the start up to the signature's tag.
    public let signedBytes: ArraySlice<UInt8>
    /// The decoded record, or why it could not be decoded.
    public let record: Result<HouseholdRecord, ProvenanceError>
    /// Tags this version does not define; they are tolerated and, before the signature, signed.
    public let unknownTags: [TagPath]

    /// Reads a household code from the bytes a scanner returned.
    ///
    /// - Parameter bytes: The code's bytes, exactly as scanned.
    /// - Throws: ``ProvenanceError`` for a code whose structure is broken: TLV or CRC errors (EMVQR's, wrapped),
    ///   ``ProvenanceError/Code/notHouseholdCode``, ``ProvenanceError/Code/unsupportedVersion``,
    ///   ``ProvenanceError/Code/duplicateTag``, ``ProvenanceError/Code/signatureNotLast``,
    ///   ``ProvenanceError/Code/invalidSignatureEncoding``, or an invalid key ID.
    public init(parsing bytes: ArraySlice<UInt8>) throws(ProvenanceError) {
        let payload: EMVPayload
        do {
            payload = try EMVPayload(parsing: bytes, mode: .lenient)
        } catch {
            throw ProvenanceError(error)
        }
        try self.init(payload: payload)
    }

    /// Reads a household code from an array of bytes.
    public init(parsing bytes: [UInt8]) throws(ProvenanceError) {
        try self.init(parsing: bytes[...])
    }

    /// Reads a household code from text.
    public init(parsing text: String) throws(ProvenanceError) {
        try self.init(parsing: Array(text.utf8)[...])
    }

    init(payload: EMVPayload) throws(ProvenanceError) {
        self.payload = payload
        let fields = payload.fields
        let format = fields[fields.startIndex]
        guard format.value.count == 2, format.value.first == UInt8(ascii: "P") else {
            throw ProvenanceError(
                code: .notHouseholdCode, offset: format.valueOffset, path: TagPath(0),
                message: "format indicator \"\(format.string)\" is not a household code's (\"P1\")"
                    + (format.string == "01" ? "; this is an EMV payment code" : ""))
        }
        guard format.value.last == UInt8(ascii: "1") else {
            throw ProvenanceError(
                code: .unsupportedVersion, offset: format.valueOffset, path: TagPath(0),
                message: "household format \"\(format.string)\" is newer than this reader (P1); update the app")
        }
        guard payload.lengthUnit == .utf8Bytes else {
            throw ProvenanceError(
                code: .characterLengths, offset: 0, path: .root,
                message: "the lengths count characters; household codes count UTF-8 bytes")
        }
        // Two copies of a field could show different readers different values under one signature.
        if let duplicate = payload.warnings.first(where: { $0.code == .duplicateTag }) {
            throw ProvenanceError(
                code: .duplicateTag, offset: duplicate.offset, path: duplicate.path, message: duplicate.message)
        }

        var keyID: String?
        var signature: [UInt8]?
        var signatureOffset = payload.bytes.count
        var unknown: [TagPath] = []
        let last = fields.index(fields.startIndex, offsetBy: fields.count - 1)
        for index in fields.indices {
            let field = fields[index]
            switch field.tag {
            case HouseholdTag.signature:
                // The signature must be the last field before the CRC: nothing unsigned may sit between them.
                guard fields.index(after: index) == last else {
                    throw ProvenanceError(
                        code: .signatureNotLast, offset: field.offset, path: TagPath(HouseholdTag.signature),
                        message: "the signature at byte \(field.offset) must be immediately followed by the CRC")
                }
                guard field.value.count == 86, let raw = Base64URL.decode(field.value), raw.count == 64 else {
                    throw ProvenanceError(
                        code: .invalidSignatureEncoding, offset: field.valueOffset,
                        path: TagPath(HouseholdTag.signature),
                        message: "the signature is not 86 base64url characters encoding 64 bytes")
                }
                signature = raw
                signatureOffset = field.offset
            case HouseholdTag.keyID:
                keyID = try HouseholdRecord.checkKeyID(
                    String(decoding: field.value, as: UTF8.self), path: field.path, offset: field.valueOffset)
            case HouseholdTag.crc:
                if signature == nil { signatureOffset = field.offset }
            case 0...HouseholdTag.verifierAddress, HouseholdTag.products:
                break
            default:
                unknown.append(field.path)
            }
        }
        self.keyID = keyID
        self.signature = signature
        self.signedBytes = payload.bytes.prefix(signatureOffset)
        var record: Result<HouseholdRecord, ProvenanceError>
        do {
            record = .success(try Self.decodeRecord(payload, unknown: &unknown))
        } catch {
            record = .failure(error)
        }
        self.record = record
        self.unknownTags = unknown
    }

    /// Whether the code carries a signature.
    public var isSigned: Bool { signature != nil }

    // MARK: Decoding the record

    static func decodeRecord(
        _ payload: EMVPayload, unknown: inout [TagPath]
    ) throws(ProvenanceError)
        -> HouseholdRecord
    {
        func required(_ tag: Int, _ what: String) throws(ProvenanceError) -> EMVField {
            guard let field = payload[tag] else {
                throw ProvenanceError(
                    code: .missingField, offset: payload.bytes.count, path: TagPath(tag),
                    message: "the code has no \(what) (tag \(tag < 10 ? "0" : "")\(tag))")
            }
            return field
        }
        let householdField = try required(HouseholdTag.householdID, "household ID")
        let householdID = try HouseholdRecord.checkHouseholdID(
            try text(householdField), path: householdField.path, offset: householdField.valueOffset)
        let head = try checked(try required(HouseholdTag.head, "head of household"), "the head of household's name")
        let village = try checked(try required(HouseholdTag.village, "village"), "the village")
        let communeCode = String(householdID.prefix(5))
        // A listed commune's code may leave out the province (tag 04): the list gives it. A province code that is
        // there must keep its grammar and agree with the lists.
        let provinceCode: String
        let placeField: EMVField
        if let commune = AdminUnits.commune(code: communeCode), payload[HouseholdTag.provinceCode] == nil {
            provinceCode = commune.provinceCode
            placeField = householdField
        } else {
            placeField = try required(HouseholdTag.provinceCode, "province code")
            provinceCode = try HouseholdRecord.checkDigits(
                try text(placeField), count: 2, path: placeField.path, what: "the province code",
                offset: placeField.valueOffset)
        }
        let match: AdminUnits.Match
        do throws(ProvenanceError) {
            match = try AdminUnits.match(communeCode: communeCode, provinceCode: provinceCode)
        } catch {
            throw error.at(offset: placeField.valueOffset, path: placeField.path)
        }
        let place: HouseholdRecord.Place
        switch match {
        case .current(let commune, let province):
            place = HouseholdRecord.Place(
                village: village, communeName: commune.name, provinceCode: province.code, provinceName: province.name)
        case .pre2025:
            place = HouseholdRecord.Place(
                village: village,
                communeName: try checked(try required(HouseholdTag.communeName, "commune name"), "the commune"),
                provinceCode: provinceCode,
                provinceName: try checked(try required(HouseholdTag.provinceName, "province name"), "the province"))
        }

        let sanitationField = try required(HouseholdTag.sanitation, "sanitation code")
        let sanitation: SanitationSystem = try tableCode(sanitationField)
        let wasteField = try required(HouseholdTag.waste, "waste treatment codes")
        guard wasteField.value.count >= 2, wasteField.value.count % 2 == 0 else {
            throw ProvenanceError(
                code: .invalidField, offset: wasteField.valueOffset, path: wasteField.path,
                message: "the waste treatment codes are not whole two-letter codes")
        }
        var waste: [WasteTreatment] = []
        var i = wasteField.value.startIndex
        while i < wasteField.value.endIndex {
            let pair = wasteField.value[i..<(i + 2)]
            guard let code = WasteTreatment(wireCode: pair), !waste.contains(code) else {
                throw ProvenanceError(
                    code: .unknownCode, offset: wasteField.valueOffset + (i - wasteField.value.startIndex),
                    path: wasteField.path,
                    message: "\"\(String(decoding: pair, as: UTF8.self))\" is not a waste treatment code, or repeats")
            }
            waste.append(code)
            i += 2
        }
        let issued = try date(try required(HouseholdTag.issued, "issue date"))
        let expiresField = try required(HouseholdTag.expires, "expiry date")
        let expires = try date(expiresField)
        guard issued <= expires else {
            throw ProvenanceError(
                code: .invalidValidity, offset: expiresField.valueOffset, path: expiresField.path,
                message: "the expiry date \(expires) is before the issue date \(issued)")
        }
        var url: String?
        if let field = payload[HouseholdTag.url] {
            url = try HouseholdRecord.checkURL(try text(field), path: field.path, offset: field.valueOffset)
        }
        var verifierAddress: String?
        if let field = payload[HouseholdTag.verifierAddress] {
            verifierAddress = try HouseholdRecord.checkVerifierAddress(
                try text(field), path: field.path, offset: field.valueOffset)
        }

        var products: [HouseholdRecord.Product] = []
        for field in payload.fields where HouseholdTag.products.contains(field.tag) {
            guard field.tag == HouseholdTag.products.lowerBound + products.count else {
                throw ProvenanceError(
                    code: .productOutOfOrder, offset: field.offset, path: field.path,
                    message: "product tag \(field.tag) follows \(products.count) product(s); products are numbered "
                        + "from 80 without gaps")
            }
            products.append(try product(field, unknown: &unknown))
        }
        return HouseholdRecord(
            householdID: householdID, head: head, place: place, sanitation: sanitation, wasteTreatment: waste,
            products: products, issued: issued, expires: expires, url: url, verifierAddress: verifierAddress)
    }

    static func product(
        _ template: EMVField, unknown: inout [TagPath]
    ) throws(ProvenanceError)
        -> HouseholdRecord.Product
    {
        func required(_ tag: Int, _ what: String) throws(ProvenanceError) -> EMVField {
            guard let field = template[tag] else {
                throw ProvenanceError(
                    code: .missingField, offset: template.offset, path: template.path.appending(tag),
                    message: "product \(template.path) has no \(what)")
            }
            return field
        }
        for child in template.children where !(1...6).contains(child.tag) { unknown.append(child.path) }
        return HouseholdRecord.Product(
            name: try checked(try required(HouseholdTag.Product.name, "name"), "the product name"),
            category: try tableCode(try required(HouseholdTag.Product.category, "category")),
            standard: try tableCode(try required(HouseholdTag.Product.standard, "standard")),
            certificate: try template[HouseholdTag.Product.certificate].map { (f) throws(ProvenanceError) in
                try checked(f, "the certificate number")
            },
            season: try checked(try required(HouseholdTag.Product.season, "season"), "the season"),
            process: try template[HouseholdTag.Product.process].map { (f) throws(ProvenanceError) in
                try checked(f, "the production note")
            })
    }

    /// A field's value as well-formed UTF-8.
    static func text(_ field: EMVField) throws(ProvenanceError) -> String {
        guard let text = String(validating: field.value, as: UTF8.self) else {
            throw ProvenanceError(
                code: .invalidField, offset: field.valueOffset, path: field.path,
                message: "tag \(field.path) is not well-formed UTF-8")
        }
        return text
    }

    /// A text field, checked as at issue time; not normalized, so what is shown is what was signed.
    static func checked(_ field: EMVField, _ what: String) throws(ProvenanceError) -> String {
        let value = try text(field)
        _ = try HouseholdRecord.checkText(
            value, path: field.path, what: what, offset: field.valueOffset, normalizing: false)
        return value
    }

    static func tableCode<Code: TableCode>(_ field: EMVField) throws(ProvenanceError) -> Code {
        guard field.value.count == 2, let code = Code(wireCode: field.value) else {
            throw ProvenanceError(
                code: .unknownCode, offset: field.valueOffset, path: field.path,
                message: "\"\(field.string)\" in tag \(field.path) is not a known code (\(Code.namesList))")
        }
        return code
    }

    static func date(_ field: EMVField) throws(ProvenanceError) -> CivilDate {
        guard field.value.count == 8, let date = CivilDate(String(decoding: field.value, as: UTF8.self)) else {
            throw ProvenanceError(
                code: .invalidField, offset: field.valueOffset, path: field.path,
                message: "tag \(field.path) \"\(field.string)\" is not a date YYYYMMDD")
        }
        return date
    }
}
