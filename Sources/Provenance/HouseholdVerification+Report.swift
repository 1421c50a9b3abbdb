// JSON output goes through Foundation's JSONEncoder, which escapes every string correctly.
import EMVQR

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension HouseholdVerification {
    /// The verdict and the record as a buyer reads them, in Vietnamese or English.
    ///
    /// A record that is not ``Verdict/verified`` is shown under a warning that it is not vouched for.
    ///
    /// - Parameter language: The language.
    /// - Returns: Lines of text, ending in a newline.
    public func text(_ language: DisplayLanguage) -> String {
        let vi = language == .vietnamese
        var lines = ["\(vi ? "Kết quả" : "Verdict"): \(verdict.label(language)) (\(verdict.rawValue))"]
        lines.append("\(vi ? "Lý do" : "Reason"): \(message(language))")
        if let signer {
            lines.append("\(vi ? "Người ký" : "Signer"): \(signer.owner) — \(vi ? "khóa" : "key") \(signer.keyID)")
        } else if let keyID {
            lines.append("\(vi ? "Khóa" : "Key"): \(keyID)")
        }
        if let record {
            if verdict != .verified {
                lines.append(
                    vi
                        ? "CẢNH BÁO: thông tin dưới đây CHƯA được xác thực."
                        : "WARNING: the record below is NOT vouched for.")
            }
            lines += record.lines(language)
        }
        for note in notes { lines.append("\(vi ? "Ghi chú" : "Note"): \(note)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The reason in a sentence, in `language`. ``message`` is the English one.
    ///
    /// - Parameter language: The language.
    /// - Returns: The sentence; for a ``Verdict/malformed`` code in Vietnamese, a Vietnamese lead and the English
    ///   detail, which names the byte and field.
    public func message(_ language: DisplayLanguage) -> String {
        guard language == .vietnamese else { return message }
        let key = keyID ?? signer?.keyID ?? "?"
        switch reason {
        case .signatureValid:
            return "do \(signer?.owner ?? "?") ký (khóa \(key))"
        case .noSignature:
            return "mã không có chữ ký nên không chứng minh được nguồn gốc"
        case .keyNotInTrustList:
            return "khóa \(key) không có trong danh sách tin cậy; không kiểm tra được"
        case .signatureMismatch:
            return "chữ ký không khớp với nội dung mã (khóa \(key)): mã đã bị sửa hoặc bị giả mạo"
        case .householdOutOfScope:
            guard let signer, let record else { break }
            return "do \(signer.owner) ký, nhưng khóa \(key) không được phép xác nhận cho các hộ của xã "
                + "\(record.communeCode): mã không hợp lệ"
        case .keyRevoked:
            if let revokedOn = signer?.revokedOn, let record {
                return "khóa \(key) của \(signer?.owner ?? "?") đã bị thu hồi cho các mã phát hành từ ngày "
                    + "\(revokedOn); mã này phát hành ngày \(record.issued)"
            }
            return "khóa \(key) của \(signer?.owner ?? "?") đã bị thu hồi"
        case .keyNotValidOnIssueDate:
            guard let signer, let record else { break }
            return "khóa \(key) chỉ ký các mã phát hành từ \(signer.from) đến \(signer.until), "
                + "không phải ngày \(record.issued)"
        case .householdRevoked:
            return "các mã cũ của hộ \(record?.householdID ?? "?") đã bị thu hồi (\(message))"
        case .expiredOn:
            guard let record else { break }
            return "mã đã hết hạn ngày \(record.expires)"
        default:
            break
        }
        return verdict == .malformed ? "mã bị hỏng hoặc sai định dạng (\(message))" : message
    }

    /// `{"verdict", "reason", "message", "keyId", "record", "notes", "error"}` as one line of JSON.
    public var json: String {
        let report = Report(
            verdict: verdict.rawValue, reason: reason.rawValue, message: message, keyId: keyID,
            record: record.map(HouseholdRecord.RecordFile.init), notes: notes,
            error: error.map { Report.ErrorInfo(code: $0.code.rawValue, offset: $0.offset, path: $0.path.description) })
        return HouseholdRecord.jsonText(report)
    }

    struct Report: Encodable {
        struct ErrorInfo: Encodable {
            var code: String
            var offset: Int
            var path: String
        }
        var verdict: String
        var reason: String
        var message: String
        var keyId: String?
        var record: HouseholdRecord.RecordFile?
        var notes: [String]
        var error: ErrorInfo?
    }
}

extension HouseholdRecord {
    /// The record as labelled lines.
    ///
    /// - Parameter language: The language.
    /// - Returns: One line per field, products indented.
    public func lines(_ language: DisplayLanguage) -> [String] {
        let vi = language == .vietnamese
        var lines: [String] = []
        lines.append("\(vi ? "Mã hộ" : "Household"): \(householdID)")
        lines.append("\(vi ? "Chủ hộ" : "Head of household"): \(head)")
        let commune = place.communeName.map { "\($0) (\(communeCode))" } ?? communeCode
        let province = place.provinceName.map { "\($0) (\(place.provinceCode))" } ?? place.provinceCode
        lines.append("\(vi ? "Địa chỉ" : "Address"): \(place.village), \(commune), \(province)")
        lines.append("\(vi ? "Nhà tiêu" : "Toilet"): \(sanitation.label(language))")
        lines.append(
            "\(vi ? "Xử lý rác thải" : "Waste treatment"): "
                + wasteTreatment.map { $0.label(language) }.joined(separator: ", "))
        for (i, product) in products.enumerated() {
            var line = "\(vi ? "Sản phẩm" : "Product") \(i + 1): \(product.name) — \(product.category.label(language))"
            line += ", \(product.standard.label(language))"
            if let certificate = product.certificate {
                line += " (\(vi ? "số chứng nhận" : "certificate") \(certificate))"
            }
            lines.append(line)
            lines.append("    \(vi ? "Mùa vụ / thu hoạch" : "Season / harvest"): \(product.season)")
            if let process = product.process { lines.append("    \(vi ? "Quy trình" : "Process"): \(process)") }
        }
        lines.append("\(vi ? "Hiệu lực" : "Valid"): \(issued) → \(expires)")
        if let url { lines.append("\(vi ? "Thông tin thêm" : "More"): \(url)") }
        if let verifierAddress { lines.append("\(vi ? "Trang kiểm tra" : "Verifier"): \(verifierAddress)") }
        return lines
    }

    /// The record as one line of JSON, in the shape ``init(json:)`` reads.
    public var json: String { Self.jsonText(RecordFile(self)) }

    static func jsonText(_ value: some Encodable) -> String {
        String(decoding: encodeJSON(value) ?? Data("{}".utf8), as: UTF8.self)
    }
}

extension HouseholdRecord.RecordFile {
    init(_ record: HouseholdRecord) {
        self.init(
            householdId: record.householdID, head: record.head, village: record.place.village,
            communeName: record.place.communeName, provinceCode: record.place.provinceCode,
            provinceName: record.place.provinceName, sanitation: record.sanitation.rawValue,
            waste: record.wasteTreatment.map(\.rawValue),
            products: record.products.map {
                Product(
                    name: $0.name, category: $0.category.rawValue, standard: $0.standard.rawValue,
                    certificate: $0.certificate, season: $0.season, process: $0.process)
            }, issued: record.issued.description, expires: record.expires.description, url: record.url,
            verifierAddress: record.verifierAddress)
    }
}
