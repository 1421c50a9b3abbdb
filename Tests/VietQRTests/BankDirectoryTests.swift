import EMVQR
import Foundation
import Testing
import VietQR

@Suite struct BankDirectoryTests {
    /// The records of the bank data, read independently of the generated table.
    static let records: [(bin: String?, shortName: String)] = {
        let url = Fixtures.folder.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/banks/banks.json")
        guard let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let banks = object["banks"] as? [[String: Any]]
        else { return [] }
        return banks.map { ($0["bin"] as? String, $0["shortName"] as? String ?? "") }
    }()

    @Test func holdsEveryRecordOfTheData() {
        #expect(Self.records.count == 65)
        for record in Self.records {
            let current = BankDirectory.lookup(record.shortName)
            #expect(current != nil, "\(record.shortName)")
            if let bin = record.bin {
                #expect(BankDirectory.bank(bin: bin) == current, "\(record.shortName)")
            }
        }
    }

    /// Reading looks BINs up in a table of its own (BankDirectory+BINs.swift); it must agree with the directory.
    @Test func everyBINFindsItsBank() {
        for bank in BankDirectory.all {
            guard let bin = bank.bin else { continue }
            #expect(BankDirectory.bank(bin: bin) == bank, "\(bin)")
        }
        #expect(BankDirectory.all.compactMap(\.bin).count == 61)
        #expect(BankDirectory.bank(bin: "970401") == nil)
        #expect(BankDirectory.bank(bin: "000000") == nil)
    }

    @Test(arguments: [
        "vcb", "Vietcombank", "970436", "BFTVVNVX", "ngân hàng ngoại thương", "NGAN HANG NGOAI THUONG",
    ])
    func findsVietcombank(_ query: String) {
        #expect(BankDirectory.lookup(query)?.bin == "970436")
    }

    @Test(arguments: [
        ("970449", "LPBank", "LienVietPostBank"), ("970414", "MBV", "Ocean Bank"),
        ("970406", "Vikki Bank", "DongA Bank"),
    ])
    func reusedBINsResolveToTheCurrentBank(_ bin: String, _ current: String, _ former: String) throws {
        let bank = try #require(BankDirectory.bank(bin: bin))
        #expect(bank.shortName == current)
        #expect(bank.formerNames.contains(former))
        #expect(BankDirectory.lookup(former) == bank)
    }

    @Test func binsOutside970Resolve() {
        for record in Self.records {
            guard let bin = record.bin, !bin.hasPrefix("970") else { continue }
            #expect(BankDirectory.bank(bin: bin)?.bin == bin)
        }
        #expect(BankDirectory.bank(bin: "546034")?.shortName == "CAKE by VPBank")
        #expect(BankDirectory.bank(bin: "963388")?.shortName == "Timo")
        #expect(BankDirectory.bank(bin: "971025")?.shortName == "MoMo")
    }

    @Test(arguments: ["ICB", "vietinbank", "CTG", "ICBVVNVX"])
    func findsByEveryCode(_ query: String) {
        #expect(BankDirectory.lookup(query)?.bin == "970415")
    }

    @Test func unknownAndAmbiguousQueriesFindNoSingleBank() {
        #expect(BankDirectory.bank(bin: "970999") == nil)
        #expect(BankDirectory.bank(bin: "97043") == nil)
        #expect(BankDirectory.lookup("no such bank") == nil)
        #expect(BankDirectory.lookup("ngân hàng") == nil)
        #expect(BankDirectory.search("ngân hàng").count > 1)
        #expect(BankDirectory.search("").count == BankDirectory.all.count)
    }

    @Test func unknownBINIsAWarningWhenReading() throws {
        var payment = VietQRPayment(bin: "970999", account: "12345")
        payment.additionalData.purpose = "test"
        let built = try payment.build()
        let code = try VietQRPayload(parsing: built.text)
        #expect(code.bank == nil)
        let warning = try #require(code.warnings.first { $0.code == .vietqr(.unknownBank) })
        #expect(warning.path == "38.01.00")
        #expect(warning.offset == code.emv["38.01.00"]?.offset)
    }
}
