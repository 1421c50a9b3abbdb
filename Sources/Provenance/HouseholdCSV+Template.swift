extension HouseholdCSV {
    /// A CSV file to start a village from: the header row and one example household.
    ///
    /// In Vietnamese the headers are the Vietnamese ones (``Column/vietnamese``) and the example's codes are their
    /// Vietnamese labels; in English, the column names and the codes' names. Both read back with ``init(_:)``.
    /// The text starts with a UTF-8 byte-order mark, so that Excel opens it as UTF-8, and ends rows with CRLF.
    ///
    /// - Parameter language: The language of the headers and of the example's codes.
    /// - Returns: The file's bytes.
    public static func template(_ language: DisplayLanguage = .vietnamese) -> [UInt8] {
        func name<Code: TableCode>(_ code: Code) -> String {
            language == .vietnamese ? code.vietnamese : code.rawValue
        }
        let example: [String: String] = [
            "household_id": "18223-0042", "head": "Nguyễn Thị Hồng", "village": "Thôn Trường Sơn",
            "province_code": "42", "commune_name": "", "province_name": "",
            "sanitation": name(SanitationSystem.septic),
            "waste": [WasteTreatment.sorting, .composting].map(name).joined(separator: "; "),
            "issued": "2026-11-01", "expires": "2027-10-31", "url": "",
            "product1_name": "Gạo ST25", "product1_category": name(ProductCategory.crop),
            "product1_standard": name(ProductStandard.vietGAP), "product1_certificate": "VG-42-0107",
            "product1_season": "2026-10", "product1_process": "Cấy tay, phân hữu cơ",
        ]
        let columns = householdColumns + productColumns(1)
        let rows = [columns.map { $0.header(language) }, columns.map { example[$0.name] ?? "" }]
        var text = "\u{FEFF}"
        for row in rows { text += row.map(quoted).joined(separator: ",") + "\r\n" }
        return Array(text.utf8)
    }

    /// A field as RFC 4180 writes it: in quotes, doubled inside, when it holds a separator, quote or line break.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { ",;\"\r\n".contains($0) }) else { return field }
        var out = "\""
        for character in field { out += character == "\"" ? "\"\"" : String(character) }
        return out + "\""
    }
}
