import Foundation
import Provenance
import Testing
import VietnameseText

@Suite struct HouseholdCSVTests {
    @Test func villageOf85ReadsWithItsBadRows() throws {
        let csv = try HouseholdCSV(try fixtureBytes("village-85.csv"))
        #expect(csv.rows.count == 85)
        let bad = csv.rows.compactMap { row -> Int? in
            if case .failure(let error) = row.record { return error.row } else { return nil }
        }
        #expect(bad == [11, 24, 38, 52, 70])
        let codes = csv.rows.compactMap { row -> ProvenanceCode? in
            if case .failure(let error) = row.record { return error.code } else { return nil }
        }
        #expect(
            codes
                == [.unknownCode, .invalidField, .invalidValidity, .unknownPlace, .missingField].map(
                    ProvenanceCode.provenance))
    }

    @Test func everyGoodRowSignsAndVerifies() throws {
        let signer = try TestSigner()
        let verifier = HouseholdVerifier(trustList: signer.trust)
        let csv = try HouseholdCSV(try fixtureBytes("village-85.csv"))
        var sizes: [Int] = []
        for row in csv.rows {
            guard case .success(let record) = row.record else { continue }
            let bytes = try signer.issuer.issue(record)
            sizes.append(bytes.count)
            #expect(verifier.verify(bytes, today: fixtureToday).verdict == .verified, "row \(row.number)")
        }
        #expect(sizes.count == 80)
        #expect(sizes.allSatisfy { $0 <= 512 })
    }

    @Test func quotedFieldsAndCRLF() throws {
        let text =
            "household_id,head,village,province_code,sanitation,waste,issued,expires,product1_name,"
            + "product1_category,product1_standard,product1_season,product1_process\r\n"
            + "18223-0001,\"Lê Văn \"\"Tư\"\"\",Thôn 1,42,septic,sorting,2026-11-01,2027-10-31,Lúa,crop,none,2026,"
            + "\"Cấy, gặt\"\r\n"
            + "18223-0002,Lê Thị Năm,Thôn 1,42,septic,sorting,2026-11-01,2027-10-31,Lúa,crop,none,2026,"
            + "\"Cấy\nbằng tay\"\r\n"
            + "18223-0003,Lê Văn Sáu,Thôn 1,42,septic,sorting,2026-11-01,2027-10-31,Lúa,crop,none,2026,Gặt\r\n"
        let csv = try HouseholdCSV(Array(text.utf8))
        #expect(csv.rows.map(\.number) == [2, 3, 5])
        let record = try csv.rows[0].record.get()
        #expect(record.head == "Lê Văn \"Tư\"")
        #expect(record.products[0].process == "Cấy, gặt")
        // A line break inside a quoted field is a control character in the record: the row fails, by its number.
        guard case .failure(let error) = csv.rows[1].record else {
            Issue.record("a note with a line break must not sign")
            return
        }
        #expect(error.code == .provenance(.invalidField))
        #expect(error.row == 3)
        #expect(try csv.rows[2].record.get().householdID == "18223-0003")
    }

    @Test func missingColumnIsAFileError() throws {
        #expect(throws: ProvenanceError(code: .invalidCSV, row: 1, message: "")) {
            try HouseholdCSV(Array("household_id,head\n18223-0001,An\n".utf8))
        }
    }

    @Test func unclosedQuoteNamesItsRow() throws {
        let text =
            "household_id,head,village,province_code,sanitation,waste,issued,expires\n"
            + "18223-0001,\"An,Thôn 1,42,septic,sorting,2026-11-01,2027-10-31\n"
        #expect(throws: ProvenanceError(code: .invalidCSV, row: 2, message: "")) { try HouseholdCSV(Array(text.utf8)) }
    }
}

@Suite struct SpreadsheetTests {
    /// A row with the required columns, under Vietnamese headers, with `sanitation` and `waste` as given.
    static func vietnameseFile(_ rows: [(sanitation: String, waste: String)], separator: String = ",") -> [UInt8] {
        let header = [
            "Mã hộ", "Chủ hộ", "Thôn", "Mã tỉnh", "Nhà tiêu", "Xử lý rác thải", "Ngày cấp", "ngay het han",
            "Sản phẩm 1", "Nhóm sản phẩm 1", "TIÊU CHUẨN 1", "Mùa vụ 1",
        ]
        var text = header.joined(separator: separator) + "\n"
        for (i, row) in rows.enumerated() {
            text +=
                [
                    "18223-\(1000 + i)", "Lê Thị Năm", "Thôn Kim Lộc", "42", row.sanitation, "\"\(row.waste)\"",
                    "2026-11-01", "2027-10-31", "Lúa", "Trồng trọt", "VietGAP", "2026-10",
                ].joined(separator: separator) + "\n"
        }
        return Array(text.utf8)
    }

    @Test func vietnameseLabelsHeadersAndSpellingsAreOneValue() throws {
        let spellings = [
            "Hai ngăn", "hai ngan", "HAI NGĂN", "doubleVault", "double vault", "DV", "dv", "Nhà tiêu hai ngăn",
            "nha tieu hai ngan", "Double-vault composting",
        ]
        let csv = try HouseholdCSV(Self.vietnameseFile(spellings.map { ($0, "Ủ phân hữu cơ; thu gom tap trung") }))
        #expect(csv.rows.count == spellings.count)
        for (row, spelling) in zip(csv.rows, spellings) {
            let record = try row.record.get()
            #expect(record.sanitation == .doubleVault, "\(spelling)")
            #expect(record.wasteTreatment == [.composting, .collection], "\(spelling)")
            #expect(record.products.map(\.category) == [.crop])
            #expect(record.products.map(\.standard) == [.vietGAP])
        }
    }

    @Test func aShortenedLabelIsTheValueThatLosesFewestWords() throws {
        #expect(SanitationSystem(name: "Tự hoại") == .septic)
        #expect(SanitationSystem(name: "Bán tự hoại") == .semiSeptic)
        #expect(SanitationSystem(name: "ống thông hơi") == .ventilatedPit)
        #expect(SanitationSystem(name: "Chìm có ống thông hơi") == .ventilatedPit)
        #expect(WasteTreatment(name: "Hầm biogas") == .biogas)
        #expect(WasteTreatment(name: "tai nguon") == .sorting)
        #expect(SanitationSystem(name: "hai") == nil)
        #expect(SanitationSystem(name: "") == nil)
        #expect(ProductStandard(name: "hữu cơ") == .organic)
        let csv = try HouseholdCSV(Self.vietnameseFile([("Hai ngăn xanh", "Đốt")]))
        guard case .failure(let error) = csv.rows[0].record else {
            Issue.record("an unknown label must not sign")
            return
        }
        #expect(error.code == .provenance(.unknownCode))
        #expect(error.row == 2)
    }

    /// Every value of every table, by each of its names, in either case and with or without diacritics.
    @Test func everyNameOfEveryValueReadsBack() {
        func check<Code: TableCode>(_: Code.Type) {
            for value in Code.allCases {
                let names = [value.rawValue, value.wireCode, value.vietnamese, value.english]
                for name in names + names.map({ $0.uppercased() }) + names.map({ $0.lowercased() }) {
                    #expect(Code(name: name) == value, "\(name)")
                }
                #expect(Code(name: VietnameseFolding.fold(value.vietnamese).text) == value)
                #expect(Code(name: value.english.replacingOccurrences(of: " ", with: "-")) == value)
            }
        }
        check(SanitationSystem.self)
        check(WasteTreatment.self)
        check(ProductCategory.self)
        check(ProductStandard.self)
    }

    @Test func aWindows1258FileIsRefusedWithItsRowAndTheFix() throws {
        let bytes = try fixtureBytes("village-cp1258.csv")
        let firstHighByte = try #require(bytes.firstIndex(where: { $0 >= 0x80 }))
        do {
            _ = try HouseholdCSV(bytes)
            Issue.record("a Windows-1258 file must be refused")
        } catch {
            #expect(error.code == .provenance(.notUTF8))
            #expect(error.row == 4)
            #expect(error.offset == firstHighByte)
            #expect(error.message.contains("CSV UTF-8"))
        }
        // The fix: the same rows converted to UTF-8 (by glibc's iconv), with a byte-order mark and CRLF as Excel's
        // "CSV UTF-8" writes them. The tones stay combining marks, as Windows-1258 keeps them; labels still match.
        let converted = try run(
            "iconv", ["-f", "WINDOWS-1258", "-t", "UTF-8", fixtures.appendingPathComponent("village-cp1258.csv").path])
        #expect(converted.status == 0, "\(converted.err)")
        let csv = try HouseholdCSV([0xEF, 0xBB, 0xBF] + converted.out)
        #expect(csv.rows.map(\.number) == [2, 3, 4])
        let record = try csv.rows[2].record.get()
        #expect(record.head.precomposedStringWithCanonicalMapping == "Nguyễn Thị Hồng")
        #expect(record.sanitation == .doubleVault)
        #expect(record.wasteTreatment == [.composting])
    }

    @Test func aSemicolonFileIsDetected() throws {
        let csv = try HouseholdCSV(
            Self.vietnameseFile([("Tự hoại", "sorting;composting"), ("DV", "Đốt")], separator: ";"))
        #expect(csv.rows.count == 2)
        #expect(try csv.rows[0].record.get().sanitation == .septic)
        #expect(try csv.rows[0].record.get().wasteTreatment == [.sorting, .composting])
        #expect(try csv.rows[1].record.get().wasteTreatment == [.burning])
        // A comma is plain text in a semicolon file.
        let text =
            "household_id;head;village;province_code;sanitation;waste;issued;expires\r\n"
            + "18223-0001;Lê Văn Tư;Thôn 1, xóm 2;42;septic;sorting;2026-11-01;2027-10-31\r\n"
        #expect(try HouseholdCSV(Array(text.utf8)).rows[0].record.get().place.village == "Thôn 1, xóm 2")
    }

    @Test(arguments: DisplayLanguage.allCases)
    func theTemplateReadsBack(_ language: DisplayLanguage) throws {
        let template = HouseholdCSV.template(language)
        #expect(template.starts(with: [0xEF, 0xBB, 0xBF]))
        let csv = try HouseholdCSV(template)
        #expect(csv.rows.count == 1)
        let record = try csv.rows[0].record.get()
        let expected = try HouseholdRecord(json: try fixtureBytes("record-18223-0042.json"))
        #expect(record.householdID == expected.householdID)
        #expect(record.head == expected.head)
        #expect(record.sanitation == expected.sanitation)
        #expect(record.wasteTreatment == expected.wasteTreatment)
        #expect(record.products.first == expected.products.first)
        let header = String(decoding: template.dropFirst(3), as: UTF8.self).prefix { $0 != "\r\n" }
        #expect(header.hasPrefix(language == .vietnamese ? "Mã hộ,Chủ hộ" : "household_id,head"))
    }
}
