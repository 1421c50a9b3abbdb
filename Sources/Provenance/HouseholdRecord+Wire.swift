package import EMVQR

extension HouseholdRecord {
    /// Writes the signed part of a code: every field from tag 00 up to, not including, the signature.
    ///
    /// - Parameter keyID: The signer's key ID (tag 12), or `nil` for an unsigned code.
    /// - Returns: A serializer holding those fields; the caller appends the signature and finalizes.
    /// - Throws: ``ProvenanceError`` for a record that does not validate or does not fit.
    package func signedPart(keyID: String?) throws(ProvenanceError) -> EMVSerializer {
        let record = try validated()
        if let keyID { _ = try Self.checkKeyID(keyID, path: TagPath(HouseholdTag.keyID)) }
        var out = EMVSerializer()
        do throws(EMVQRError) {
            try out.appendPrimitive(tag: HouseholdTag.formatIndicator, HouseholdTag.formatV1)
            try out.appendPrimitive(tag: HouseholdTag.householdID, record.householdID)
            try out.appendPrimitive(tag: HouseholdTag.head, record.head)
            try out.appendPrimitive(tag: HouseholdTag.village, record.place.village)
            // The 2025-07-01 list gives a listed commune's province and names; only an earlier code carries them.
            if record.hasPre2025Place {
                try out.appendPrimitive(tag: HouseholdTag.provinceCode, record.place.provinceCode)
                try out.appendPrimitive(tag: HouseholdTag.communeName, record.place.communeName ?? "")
                try out.appendPrimitive(tag: HouseholdTag.provinceName, record.place.provinceName ?? "")
            }
            try out.appendPrimitive(tag: HouseholdTag.sanitation, record.sanitation.wireCode)
            try out.appendPrimitive(tag: HouseholdTag.waste, record.wasteTreatment.map(\.wireCode).joined())
            try out.appendPrimitive(tag: HouseholdTag.issued, record.issued.compact)
            try out.appendPrimitive(tag: HouseholdTag.expires, record.expires.compact)
            if let url = record.url { try out.appendPrimitive(tag: HouseholdTag.url, url) }
            if let keyID { try out.appendPrimitive(tag: HouseholdTag.keyID, keyID) }
            if let address = record.verifierAddress {
                try out.appendPrimitive(tag: HouseholdTag.verifierAddress, address)
            }
            for (i, product) in record.products.enumerated() {
                // The template's children, written into a serializer of their own so errors stay typed.
                var p = EMVSerializer()
                try p.appendPrimitive(tag: HouseholdTag.Product.name, product.name)
                try p.appendPrimitive(tag: HouseholdTag.Product.category, product.category.wireCode)
                try p.appendPrimitive(tag: HouseholdTag.Product.standard, product.standard.wireCode)
                if let certificate = product.certificate {
                    try p.appendPrimitive(tag: HouseholdTag.Product.certificate, certificate)
                }
                try p.appendPrimitive(tag: HouseholdTag.Product.season, product.season)
                if let process = product.process {
                    try p.appendPrimitive(tag: HouseholdTag.Product.process, process)
                }
                try out.appendPrimitive(tag: HouseholdTag.products.lowerBound + i, p.bytes)
            }
        } catch {
            guard error.code == .valueTooLong else { throw ProvenanceError(error) }
            throw ProvenanceError(code: .tooLong, offset: error.offset, path: error.path, message: error.message)
        }
        return out
    }

    /// Whether `text` is a key ID: `1*32(ALPHA / DIGIT / "." / "-" / "_")`, for example `18223.1`.
    package static func isValidKeyID(_ text: String) -> Bool {
        text.utf8.count >= 1 && text.utf8.count <= 32
            && text.utf8.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A)
                    || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
            }
    }

    /// `keyID = 1*32(ALPHA / DIGIT / "." / "-" / "_")`, for example `18223.1`.
    static func checkKeyID(_ text: String, path: TagPath, offset: Int = 0) throws(ProvenanceError) -> String {
        guard isValidKeyID(text) else {
            throw ProvenanceError(
                code: .invalidField, offset: offset, path: path,
                message: "key ID \"\(text)\" must be 1–32 letters, digits, '.', '-' or '_', for example 18223.1")
        }
        return text
    }
}
