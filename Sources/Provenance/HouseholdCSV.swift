// A village's households as CSV (RFC 4180, UTF-8, header row first):
//
//     household_id,head,village,province_code,commune_name,province_name,sanitation,waste,issued,expires,url,
//     product1_name,product1_category,product1_standard,product1_certificate,product1_season,product1_process,
//     product2_name,...
//
// Each column may instead carry its Vietnamese header (``HouseholdCSV/Column/vietnamese``: "Mã hộ", "Chủ hộ", ...);
// headers match ignoring case, diacritics and the spacing between words. Fields are separated by commas, or by
// semicolons as Excel writes CSV in locales whose decimal mark is a comma: the header row decides. `waste` lists
// values separated by `;` or `,`. Each code may be its name, wire code or label in either language (``TableCode``).
// commune_name, province_name and url may be empty, and so may every column of a product that is absent. Columns
// may come in any order; product columns run product1_ to product10_. A byte-order mark and CRLF line ends are
// fine.

/// Reads a village's households from CSV, row by row, so one bad row never stops the rest.
public struct HouseholdCSV: Sendable {
    /// One data row: its 1-based line in the file (the header is row 1) and its record, or why it is bad.
    public struct Row: Sendable {
        /// The row number, counting the header as row 1.
        public var number: Int
        /// The household ID as the row gives it, for reports; empty when the row has none.
        public var householdID: String
        /// The record, or the row's error, with ``ProvenanceError/row`` set.
        public var record: Result<HouseholdRecord, ProvenanceError>
    }

    /// One column a household CSV may have: its English name and its Vietnamese header. Either names it.
    public struct Column: Sendable, Hashable {
        /// The English header, `household_id`.
        public var name: String
        /// The Vietnamese header, `Mã hộ`.
        public var vietnamese: String
        /// Whether every file must have it.
        public var isRequired: Bool

        /// The header in `language`.
        public func header(_ language: DisplayLanguage) -> String { language == .vietnamese ? vietnamese : name }
    }

    /// The household's columns, in the order a template gives them; products follow (``productColumns(_:)``).
    public static let householdColumns: [Column] = [
        Column(name: "household_id", vietnamese: "Mã hộ", isRequired: true),
        Column(name: "head", vietnamese: "Chủ hộ", isRequired: true),
        Column(name: "village", vietnamese: "Thôn", isRequired: true),
        Column(name: "province_code", vietnamese: "Mã tỉnh", isRequired: true),
        Column(name: "commune_name", vietnamese: "Tên xã", isRequired: false),
        Column(name: "province_name", vietnamese: "Tên tỉnh", isRequired: false),
        Column(name: "sanitation", vietnamese: "Nhà tiêu", isRequired: true),
        Column(name: "waste", vietnamese: "Xử lý rác thải", isRequired: true),
        Column(name: "issued", vietnamese: "Ngày cấp", isRequired: true),
        Column(name: "expires", vietnamese: "Ngày hết hạn", isRequired: true),
        Column(name: "url", vietnamese: "Thông tin thêm", isRequired: false),
    ]

    /// The most products a row may list.
    public static let maximumProducts = 10

    /// The six columns of product `number` (1 to ``maximumProducts``): name, category, standard, certificate,
    /// season, process.
    public static func productColumns(_ number: Int) -> [Column] {
        [
            ("name", "Sản phẩm"), ("category", "Nhóm sản phẩm"), ("standard", "Tiêu chuẩn"),
            ("certificate", "Số chứng nhận"), ("season", "Mùa vụ"), ("process", "Quy trình"),
        ].map { Column(name: "product\(number)_\($0.0)", vietnamese: "\($0.1) \(number)", isRequired: false) }
    }

    /// Every column's English name, keyed by how a header cell compares: folded, lowercase, words joined by `_`.
    static let columnsByKey: [String: String] = {
        var table: [String: String] = [:]
        for column in householdColumns + (1...maximumProducts).flatMap(productColumns) {
            table[headerKey(column.name)] = column.name
            table[headerKey(column.vietnamese)] = column.name
        }
        return table
    }()

    /// `"Mã hộ"` and `"ma_ho"` give `ma_ho`; `"Household ID"` gives `household_id`.
    static func headerKey(_ text: String) -> String { LabelKey.words(text).joined(separator: "_") }

    /// The data rows, in file order.
    public let rows: [Row]

    /// Reads CSV text.
    ///
    /// - Parameter bytes: The file's bytes, UTF-8, with a header row, fields separated by commas or semicolons.
    /// - Throws: ``ProvenanceError/Code/notUTF8`` with the row and byte offset when the file is not UTF-8 (saved
    ///   as Excel's plain "CSV" on Windows, say); ``ProvenanceError/Code/invalidCSV`` when the file as a whole is
    ///   unreadable: no header, a missing column, or an unclosed quote. Problems in a row go into that row instead.
    public init(_ bytes: [UInt8]) throws(ProvenanceError) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let lines = try Self.records(body, separator: Self.separator(body))
        guard let header = lines.first else {
            throw ProvenanceError(code: .invalidCSV, row: 1, message: "the file is empty; it needs a header row")
        }
        var column: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            if let known = Self.columnsByKey[Self.headerKey(name)] { column[known] = i }
        }
        let required = Self.householdColumns.filter(\.isRequired)
        for missing in required where column[missing.name] == nil {
            throw ProvenanceError(
                code: .invalidCSV, row: 1,
                message: "the header has no \"\(missing.name)\" (\"\(missing.vietnamese)\") column; it needs "
                    + required.map { "\($0.name) (\($0.vietnamese))" }.joined(separator: ", "))
        }
        var rows: [Row] = []
        var names = CodeNames()
        for line in lines.dropFirst() where !line.fields.allSatisfy({ $0.isEmpty }) {
            func value(_ name: String) -> String? {
                guard let i = column[name], i < line.fields.count else { return nil }
                return line.fields[i]
            }
            let householdID = value("household_id") ?? ""
            let record: Result<HouseholdRecord, ProvenanceError>
            do throws(ProvenanceError) {
                guard line.fields.count == header.fields.count else {
                    throw ProvenanceError(
                        code: .invalidCSV,
                        message: "the row has \(line.fields.count) fields; the header has \(header.fields.count)")
                }
                var products: [HouseholdRecord.RecordFile.Product] = []
                for n in 1...Self.maximumProducts {
                    let prefix = "product\(n)_"
                    guard let name = value(prefix + "name"), !name.isEmpty else { continue }
                    products.append(
                        HouseholdRecord.RecordFile.Product(
                            name: name, category: names.resolve(value(prefix + "category"), ProductCategory.self),
                            standard: names.resolve(value(prefix + "standard"), ProductStandard.self),
                            certificate: value(prefix + "certificate"),
                            season: value(prefix + "season") ?? "", process: value(prefix + "process")))
                }
                let draft = HouseholdRecord.RecordFile(
                    householdId: householdID, head: value("head") ?? "", village: value("village") ?? "",
                    communeName: value("commune_name"), provinceCode: value("province_code") ?? "",
                    provinceName: value("province_name"),
                    sanitation: names.resolve(value("sanitation"), SanitationSystem.self),
                    waste: (value("waste") ?? "").split(whereSeparator: { $0 == ";" || $0 == "," })
                        .filter { !$0.allSatisfy(\.isWhitespace) }.map {
                            names.resolve(String($0), WasteTreatment.self)
                        },
                    products: products,
                    issued: value("issued") ?? "", expires: value("expires") ?? "", url: value("url"))
                record = .success(try draft.record().validated())
            } catch {
                record = .failure(error.at(row: line.number))
            }
            rows.append(Row(number: line.number, householdID: householdID, record: record))
        }
        self.rows = rows
    }

    /// Each spelling of a code met in the file, resolved once to the code's name: a village repeats a handful of
    /// spellings over thousands of rows, and matching a label folds every label of its table. A spelling that
    /// names no code stays as written, for the row's error.
    struct CodeNames {
        var resolved: [String: String] = [:]

        mutating func resolve<Code: TableCode>(_ text: String?, _: Code.Type) -> String {
            let text = text ?? ""
            let key = "\(Code.self)\u{1F}\(text)"
            if let name = resolved[key] { return name }
            let name = Code(name: text)?.rawValue ?? text
            resolved[key] = name
            return name
        }
    }

    struct Line {
        var number: Int
        var fields: [String]
    }

    /// The field separator the header row uses: `;` when it has more semicolons than commas outside quotes, as
    /// Excel writes CSV where the decimal mark is a comma; `,` otherwise.
    static func separator(_ text: ArraySlice<UInt8>) -> UInt8 {
        var quoted = false
        var commas = 0
        var semicolons = 0
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""): quoted.toggle()
            case UInt8(ascii: ",") where !quoted: commas += 1
            case UInt8(ascii: ";") where !quoted: semicolons += 1
            case 0x0A where !quoted: return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
            default: break
            }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// Splits RFC 4180 text into records, keeping each one's starting line number, and checks that each field is
    /// UTF-8.
    static func records(_ text: ArraySlice<UInt8>, separator: UInt8) throws(ProvenanceError) -> [Line] {
        var lines: [Line] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var fieldOffset = text.startIndex
        var quoted = false
        var lineNumber = 1
        var start = 1
        var fieldStarted = false
        var index = text.startIndex
        func endField() throws(ProvenanceError) {
            guard let string = String(validating: field, as: UTF8.self) else {
                throw notUTF8(field, at: fieldOffset, row: start)
            }
            fields.append(string)
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
            fieldOffset = index + 1
        }
        while index < text.endIndex {
            let byte = text[index]
            defer { index += 1 }
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < text.endIndex && text[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == 0x0A { lineNumber += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\"") where !fieldStarted && field.isEmpty:
                quoted = true
                fieldStarted = true
                fieldOffset = index + 1
            case separator:
                try endField()
            case 0x0D:
                break
            case 0x0A:
                try endField()
                lines.append(Line(number: start, fields: fields))
                fields.removeAll()
                lineNumber += 1
                start = lineNumber
            default:
                field.append(byte)
                fieldStarted = true
            }
        }
        if quoted {
            throw ProvenanceError(
                code: .invalidCSV, row: start, message: "a quoted field opened in row \(start) is never closed")
        }
        if !field.isEmpty || !fields.isEmpty {
            try endField()
            lines.append(Line(number: start, fields: fields))
        }
        return lines
    }

    /// The error for a field that is not UTF-8, at its first bad byte.
    static func notUTF8(_ field: [UInt8], at fieldOffset: Int, row: Int) -> ProvenanceError {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = field.makeIterator()
        var good = 0
        parsing: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): good += scalar.count
            case .emptyInput, .error: break parsing
            }
        }
        let bad = field[min(good, field.count - 1)]
        let hex = String(bad, radix: 16, uppercase: true)
        return ProvenanceError(
            code: .notUTF8, offset: fieldOffset + good, row: row,
            message: "row \(row) is not UTF-8 text (byte 0x\(hex) at offset \(fieldOffset + good)); the file was "
                + "probably saved as Excel's plain \"CSV\", which is Windows-1258 on Windows: save it again as "
                + "\"CSV UTF-8 (Comma delimited)\"")
    }
}
