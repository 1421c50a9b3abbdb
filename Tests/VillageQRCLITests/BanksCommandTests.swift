import ArgumentParser
import Foundation
import Testing
import VietQR

@testable import VillageQRCLI

@Suite struct BanksCommandTests {
    @Test func listsEveryBankInATable() throws {
        let lines = try BanksCommand.parse([]).render()
        #expect(lines.count == BankDirectory.all.count + 1)
        #expect(lines[0].hasPrefix("BIN"))
    }

    @Test(arguments: ["vcb", "ngân hàng ngoại thương"])
    func searches(_ query: String) throws {
        let lines = try BanksCommand.parse([query]).render()
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("970436"))
    }

    @Test func reusedBINShowsTheFormerName() throws {
        let lines = try BanksCommand.parse(["970414"]).render()
        #expect(lines.count == 2)
        #expect(lines[1].contains("MBV"))
        #expect(lines[1].contains("formerly Ocean Bank"))
    }

    @Test func printsJSON() throws {
        let lines = try BanksCommand.parse(["970449", "--json"]).render()
        let array = try #require(try JSONSerialization.jsonObject(with: Data(lines.joined().utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array[0]["shortName"] as? String == "LPBank")
        #expect((array[0]["formerNames"] as? [String])?.contains("LienVietPostBank") == true)
    }

    @Test func findsNothingForNonsense() throws {
        #expect(try BanksCommand.parse(["zzzz"]).render().isEmpty)
    }
}
