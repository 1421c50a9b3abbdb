import Provenance
import Testing

@Suite struct HouseholdCSVTests {
    @Test func villageOf85ReadsWithItsBadRows() throws {
        let csv = try HouseholdCSV(try fixtureBytes("village-85.csv"))
        #expect(csv.rows.count == 85)
        let bad = csv.rows.compactMap { row -> Int? in
            if case .failure(let error) = row.record { return error.row } else { return nil }
        }
        #expect(bad == [11, 24, 38, 52, 70])
        let codes = csv.rows.compactMap { row -> ProvenanceError.Code? in
            if case .failure(let error) = row.record { return error.code } else { return nil }
        }
        #expect(codes == [.unknownCode, .invalidField, .invalidValidity, .unknownPlace, .missingField])
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
        #expect(error.code == .invalidField)
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
