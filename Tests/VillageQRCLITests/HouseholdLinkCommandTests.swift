import Foundation
import Testing

/// `--link`: link-form codes from `issue` and `batch`, read back by `verify`, `verify --image` and `scan`.
extension HouseholdCommandTests {
    static let linkBase = "https://xa-kim-hoa.gov.vn/nguon-goc"

    func issueLink(_ extra: [String] = []) throws -> [String: Any] {
        let issued = try ToolRunner.run(
            [
                "household", "issue", fixture("record-typical.json"), "--key", path("18223.1.pem"), "--key-id",
                "18223.1", "--link", Self.linkBase, "--json",
            ] + extra)
        #expect(issued.status == 0, "\(issued.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(issued.stdout.utf8)) as? [String: Any])
    }

    @Test("issue --link: the payload is the link, version 17-M at most; verify, --image and scan read it")
    func issueLinkVerify() throws {
        let trust = try keygen()
        let image = path("link.png")
        let object = try issueLink(["-o", image])
        let payload = try #require(object["payload"] as? String)
        #expect(payload.hasPrefix(Self.linkBase + "#0002P1011018223-0107"))
        #expect(!payload.contains(" "))
        #expect(object["bytes"] as? Int == payload.utf8.count)
        #expect(try #require(object["qrVersion"] as? Int) <= 17)
        let day = ["--trust", trust, "--today", "2026-11-29", "--lang", "en"]
        let text = try ToolRunner.run(["household", "verify", payload] + day)
        #expect(text.status == 0, "\(text.stdout)")
        #expect(text.stdout.contains("(verified)"))
        #expect(text.stdout.contains("Verifier: \(Self.linkBase)"))
        #expect(!text.stdout.contains("Note:"))
        let fromImage = try ToolRunner.run(["household", "verify", "--image", image, "--json"] + day)
        #expect(fromImage.status == 0)
        #expect(fromImage.stdout.contains("\"verdict\":\"verified\""))
        let scanned = try ToolRunner.run(["scan", image, "--json"] + day)
        let lines = scanned.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        // The scanner returns the link byte for byte.
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        let codes = try #require(first?["codes"] as? [[String: Any]])
        #expect(codes.first?["text"] as? String == payload)
        #expect(lines[1].contains("\"verdict\":\"verified\""))
    }

    @Test("a link whose fragment is tampered reads badSignature; a re-hosted genuine code carries the note")
    func linkAttacks() throws {
        let trust = try keygen()
        let payload = try #require(try issueLink()["payload"] as? String)
        let day = ["--trust", trust, "--today", "2026-11-29", "--json"]
        // Đức -> Đực in the head's name inside the fragment, CRC fixed up.
        let split = payload.split(separator: "#", maxSplits: 1)
        var code = Array(
            (split[1].removingPercentEncoding ?? "").replacingOccurrences(of: "Đức", with: "Đực").utf8.dropLast(4))
        code += Array(String(format: "%04X", crc16(code)).utf8)
        let tampered =
            "\(split[0])#" + String(decoding: code, as: UTF8.self).addingPercentEncoding(
                withAllowedCharacters: CharacterSet(
                    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"))!
        let forged = try ToolRunner.run(["household", "verify", tampered] + day)
        #expect(forged.status == 1)
        #expect(forged.stdout.contains("\"verdict\":\"badSignature\""))
        // The genuine fragment behind another host: verified, with the other-verifier note.
        let copied = try ToolRunner.run(["household", "verify", "https://nguon-goc.example/#\(split[1])"] + day)
        #expect(copied.status == 0)
        #expect(copied.stdout.contains("\"verdict\":\"verified\""))
        #expect(copied.stdout.contains("another verifier: \(Self.linkBase)"))
        // A broken link: malformed, with the link's error code.
        let broken = try ToolRunner.run(["household", "verify", "http://nguon-goc.example/#\(split[1])"] + day)
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("\"reason\":\"invalidLinkScheme\""))
    }

    @Test("--link must be a verifier address", arguments: ["http://a.vn/", "https://A.vn/", "https://a.vn", "x"])
    func badLinkOption(_ base: String) throws {
        let result = try ToolRunner.run([
            "household", "issue", fixture("record-typical.json"), "--key", fixture("test-key-18223.1.pem"),
            "--key-id", "18223.1", "--link", base,
        ])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--link"))
    }

    @Test("batch --link: link-form images that verify, and the buyer's line on the sheet")
    func batchLink() throws {
        let trust = try keygen()
        let out = path("linked")
        let result = try ToolRunner.run([
            "household", "batch", fixture("village-85.csv"), "--key", path("18223.1.pem"), "--key-id", "18223.1",
            "--out-dir", out, "--sheet", path("sheet.svg"), "--link", Self.linkBase,
        ])
        #expect(result.status == 1)  // the fixture's five bad rows
        #expect(result.stderr.contains("80 of 85 households issued"))
        let scanned = try ToolRunner.run([
            "scan", "\(out)/18223-0001.png", "--trust", trust, "--today", "2026-11-29", "--json",
        ])
        #expect(scanned.stdout.contains("\"text\":\"https://xa-kim-hoa.gov.vn/nguon-goc#0002P1"))
        #expect(scanned.stdout.contains("\"link\":\"https://xa-kim-hoa.gov.vn/nguon-goc\""))
        #expect(scanned.stdout.contains("\"verdict\":\"verified\""))
        let sheet = try String(contentsOfFile: path("sheet.svg"), encoding: .utf8)
        #expect(sheet.components(separatedBy: ">Quét để kiểm tra nguồn gốc</text>").count - 1 == 80)
        // Under the head's name: the instruction is the next line.
        #expect(sheet.contains(">Hoàng Đức Trang</text>\n<text"))
        let afterName = try #require(sheet.components(separatedBy: ">Hoàng Đức Trang</text>\n").last)
        #expect(afterName.prefix(300).contains(">Quét để kiểm tra nguồn gốc</text>"))
    }
}

/// CRC-16/CCITT-FALSE, written out here so the test does not lean on the code it checks.
func crc16(_ bytes: [UInt8]) -> UInt16 {
    var crc: UInt16 = 0xFFFF
    for byte in bytes {
        crc ^= UInt16(byte) << 8
        for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
    }
    return crc
}
