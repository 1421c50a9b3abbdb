// JSON decoding is Foundation's; a record file is read once per command.
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

// A record file:
//
//     { "householdId": "18223-0042", "head": "Nguyễn Thị Hồng", "village": "Thôn Trường Sơn", "provinceCode": "42",
//       "sanitation": "septic", "waste": ["sorting", "composting"],
//       "products": [ { "name": "Gạo ST25", "category": "crop", "standard": "vietGAP", "certificate": "VG-42-0107",
//                       "season": "2026-10", "process": "Cấy tay, phân hữu cơ" } ],
//       "issued": "2026-11-01", "expires": "2027-10-31" }
//
// Optional: "communeName" and "provinceName" (required for a pre-2025 commune code), "url", "verifierAddress"
// (the link form's https://HOST/PATH, tag 13), and per product "certificate" and "process". A code may be its name,
// its two-letter wire code, or its Vietnamese or English label, matched ignoring case and diacritics
// (``TableCode/init(name:)``).

extension HouseholdRecord {
    /// Reads a record from JSON.
    ///
    /// - Parameter json: The file's bytes, UTF-8.
    /// - Throws: ``ProvenanceError/Code/invalidField`` naming the JSON key, ``ProvenanceError/Code/unknownCode``.
    public init(json: [UInt8]) throws(ProvenanceError) {
        self = try decodeJSON(RecordFile.self, from: json, what: "the record", code: .invalidField).record()
    }

    struct RecordFile: Codable {
        struct Product: Codable {
            var name: String
            var category: String
            var standard: String
            var certificate: String?
            var season: String
            var process: String?
        }
        var householdId: String
        var head: String
        var village: String
        var communeName: String?
        var provinceCode: String
        var provinceName: String?
        var sanitation: String
        var waste: [String]
        var products: [Product]
        var issued: String
        var expires: String
        var url: String?
        var verifierAddress: String?
    }
}

/// A record as text from a file, before its codes and dates are read: the JSON shape, which CSV rows fill too.
extension HouseholdRecord.RecordFile {
    func record() throws(ProvenanceError) -> HouseholdRecord {
        func code<Code: TableCode>(_ name: String, _ field: String) throws(ProvenanceError) -> Code {
            guard let code = Code(name: name.trimmingSpaces) else {
                throw ProvenanceError(
                    code: .unknownCode,
                    message: "\(field) \"\(name)\" is not one of \(Code.namesList), their two-letter codes or labels")
            }
            return code
        }
        func date(_ text: String, _ field: String) throws(ProvenanceError) -> CivilDate {
            guard let date = CivilDate(text.trimmingSpaces) else {
                throw ProvenanceError(code: .invalidField, message: "\(field) \"\(text)\" is not a date YYYY-MM-DD")
            }
            return date
        }
        func optional(_ text: String?) -> String? {
            guard let text, !text.trimmingSpaces.isEmpty else { return nil }
            return text
        }
        var products: [HouseholdRecord.Product] = []
        for (i, p) in self.products.enumerated() {
            products.append(
                HouseholdRecord.Product(
                    name: p.name, category: try code(p.category, "product \(i + 1) category"),
                    standard: try code(p.standard, "product \(i + 1) standard"), certificate: optional(p.certificate),
                    season: p.season, process: optional(p.process)))
        }
        var waste: [WasteTreatment] = []
        for name in self.waste { waste.append(try code(name, "waste treatment")) }
        return HouseholdRecord(
            householdID: householdId.trimmingSpaces, head: head,
            place: HouseholdRecord.Place(
                village: village, communeName: optional(communeName),
                provinceCode: provinceCode.trimmingSpaces, provinceName: optional(provinceName)),
            sanitation: try code(sanitation, "sanitation"), wasteTreatment: waste, products: products,
            issued: try date(issued, "issued"), expires: try date(expires, "expires"), url: optional(url),
            verifierAddress: optional(verifierAddress))
    }
}

extension String {
    /// The text without the spaces and tabs at either end: Foundation's `trimmingCharacters(in: .whitespaces)`, the
    /// tab and Unicode's space separators (Zs), without the part of Foundation that carries it.
    fileprivate var trimmingSpaces: String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
