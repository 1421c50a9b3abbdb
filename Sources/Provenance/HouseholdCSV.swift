// A village's households as CSV (RFC 4180, UTF-8, header row first):
//
//     household_id,head,village,province_code,commune_name,province_name,sanitation,waste,issued,expires,url,
//     product1_name,product1_category,product1_standard,product1_certificate,product1_season,product1_process,
//     product2_name,...
//
// `waste` lists names separated by `;`. commune_name, province_name and url may be empty, and so may every column of
// a product that is absent. Columns may come in any order; product columns run product1_ to product10_.

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

    /// The data rows, in file order.
    public let rows: [Row]

    static let required = [
        "household_id", "head", "village", "province_code", "sanitation", "waste", "issued", "expires",
    ]

    /// Reads CSV text.
    ///
    /// - Parameter text: The file's bytes, UTF-8, with a header row.
    /// - Throws: ``ProvenanceError/Code/invalidCSV`` when the file as a whole is unreadable: not UTF-8, no
    ///   header, a missing column, or an unclosed quote. Problems in a row go into that row instead.
    public init(_ bytes: [UInt8]) throws(ProvenanceError) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard String(validating: body, as: UTF8.self) != nil else {
            throw ProvenanceError(code: .invalidCSV, row: 1, message: "the file is not UTF-8 text")
        }
        let lines = try Self.records(body)
        guard let header = lines.first else {
            throw ProvenanceError(code: .invalidCSV, row: 1, message: "the file is empty; it needs a header row")
        }
        var column: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            column[String(Substring(name).trimmingASCIISpaces()).lowercased()] = i
        }
        for name in Self.required where column[name] == nil {
            throw ProvenanceError(
                code: .invalidCSV, row: 1,
                message: "the header has no \"\(name)\" column; it needs \(Self.required.joined(separator: ", "))")
        }
        var rows: [Row] = []
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
                for n in 1...10 {
                    let prefix = "product\(n)_"
                    guard let name = value(prefix + "name"), !name.isEmpty else { continue }
                    products.append(
                        HouseholdRecord.RecordFile.Product(
                            name: name, category: value(prefix + "category") ?? "",
                            standard: value(prefix + "standard") ?? "", certificate: value(prefix + "certificate"),
                            season: value(prefix + "season") ?? "", process: value(prefix + "process")))
                }
                let draft = HouseholdRecord.RecordFile(
                    householdId: householdID, head: value("head") ?? "", village: value("village") ?? "",
                    communeName: value("commune_name"), provinceCode: value("province_code") ?? "",
                    provinceName: value("province_name"), sanitation: value("sanitation") ?? "",
                    waste: (value("waste") ?? "").split(separator: ";").map(String.init), products: products,
                    issued: value("issued") ?? "", expires: value("expires") ?? "", url: value("url"))
                record = .success(try draft.record().validated())
            } catch {
                record = .failure(error.at(row: line.number))
            }
            rows.append(Row(number: line.number, householdID: householdID, record: record))
        }
        self.rows = rows
    }

    struct Line {
        var number: Int
        var fields: [String]
    }

    /// Splits RFC 4180 text, as UTF-8 bytes already checked, into records, keeping each one's starting line number.
    static func records(_ text: ArraySlice<UInt8>) throws(ProvenanceError) -> [Line] {
        var lines: [Line] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var lineNumber = 1
        var start = 1
        var fieldStarted = false
        var iterator = text.makeIterator()
        var pending: UInt8? = nil
        func next() -> UInt8? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
        }
        while let byte = next() {
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if let after = next() {
                        if after == UInt8(ascii: "\"") {
                            field.append(byte)
                        } else {
                            quoted = false
                            pending = after
                        }
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
            case UInt8(ascii: ","):
                endField()
            case 0x0D:
                break
            case 0x0A:
                endField()
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
            endField()
            lines.append(Line(number: start, fields: fields))
        }
        return lines
    }
}
