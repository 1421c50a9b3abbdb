import EMVQR
import Foundation
import TestSupport
import Testing

@Suite("villageqr household")
struct HouseholdCommandTests {
    static let fixtures = Repository.path("Fixtures/Provenance")
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("household-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    /// keygen into the scratch folder; returns the trust list path.
    func keygen(_ id: String = "18223.1") throws -> String {
        let result = try ToolRunner.run([
            "household", "keygen", "--key-id", id, "--out-dir", directory.path, "--from", "2026-01-01",
            "--until", "2030-12-31",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let trust = path("trust-\(id).json")
        try result.stdout.write(toFile: trust, atomically: true, encoding: .utf8)
        return trust
    }

    @Test("keygen writes a 0600 private key and never overwrites it")
    func keygenRefusesOverwrite() throws {
        _ = try keygen()
        let attributes = try FileManager.default.attributesOfItem(atPath: path("18223.1.pem"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let before = try String(contentsOfFile: path("18223.1.pem"), encoding: .utf8)
        let again = try ToolRunner.run(["household", "keygen", "--key-id", "18223.1", "--out-dir", directory.path])
        #expect(again.status == 73)
        #expect(try String(contentsOfFile: path("18223.1.pem"), encoding: .utf8) == before)
    }

    @Test("a key ID no code may carry is a usage error for keygen, issue and batch")
    func badKeyID() throws {
        let runs = [
            ["household", "keygen", "--key-id", "18223 1", "--out-dir", directory.path],
            [
                "household", "issue", fixture("record-18223-0042.json"), "--key", path("none.pem"), "--key-id",
                "18223 1",
            ],
            [
                "household", "batch", fixture("village-85.csv"), "--key", path("none.pem"), "--key-id", "",
                "--out-dir", path("stickers"),
            ],
        ]
        for arguments in runs {
            let result = try ToolRunner.run(arguments)
            #expect(result.status == 64, "\(arguments[1])")
            #expect(result.stderr.contains("--key-id must be 1–32 letters"), "\(arguments[1])")
        }
        #expect(!FileManager.default.fileExists(atPath: path("stickers")))
    }

    @Test(
        "keygen: a date out of range is a usage error naming the option and value, and writes no key",
        arguments: [
            (["--from", "9999-01-01"], "--from 9999-01-01 leaves less than five years before 9999-12-31"),
            (["--from", "9995-01-01"], "--from 9995-01-01 leaves less than five years before 9999-12-31"),
            (
                ["--from", "0000-01-01"],
                "--from must be a date YYYY-MM-DD from 0001-01-01 to 9999-12-31, not '0000-01-01'"
            ),
            (
                ["--until", "99999-01-01"],
                "--until must be a date YYYY-MM-DD from 0001-01-01 to 9999-12-31, not '99999-01-01'"
            ),
            (
                ["--from", "2026-02-30"],
                "--from must be a date YYYY-MM-DD from 0001-01-01 to 9999-12-31, not '2026-02-30'"
            ),
            (["--from", "2026-01-01", "--until", "2025-12-31"], "--until 2025-12-31 is before --from 2026-01-01"),
        ])
    func keygenDateOutOfRange(_ dates: [String], _ message: String) throws {
        let result = try ToolRunner.run(
            ["household", "keygen", "--key-id", "18223.9", "--out-dir", directory.path] + dates)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
        #expect(!FileManager.default.fileExists(atPath: path("18223.9.pem")))
        #expect(!FileManager.default.fileExists(atPath: path("18223.9.pub.pem")))
    }

    @Test(
        "keygen: the last days that fit are accepted",
        arguments: [
            (["--from", "9994-12-31"], "9999-12-28"),
            (["--from", "9999-12-31", "--until", "9999-12-31"], "9999-12-31"),
            (["--from", "0001-01-01"], "0006-01-01"),
        ])
    func keygenLastDays(_ dates: [String], _ until: String) throws {
        let result = try ToolRunner.run(
            ["household", "keygen", "--key-id", "18223.9", "--out-dir", directory.path] + dates)
        #expect(result.status == 0, "\(result.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let key = try #require((list["keys"] as? [[String: Any]])?.first)
        #expect(key["from"] as? String == dates[1])
        #expect(key["until"] as? String == until)
    }

    @Test("issue then verify: verified exits 0, in Vietnamese by default")
    func issueVerify() throws {
        let trust = try keygen()
        let issued = try ToolRunner.run([
            "household", "issue", fixture("record-18223-0042.json"), "--key", path("18223.1.pem"), "--key-id",
            "18223.1",
        ])
        #expect(issued.status == 0, "\(issued.stderr)")
        let payload = issued.stdout.trimmingCharacters(in: .newlines)
        #expect(payload.hasPrefix("0002P1"))
        let verified = try ToolRunner.run(["household", "verify", payload, "--trust", trust, "--today", "2026-11-29"])
        #expect(verified.status == 0)
        #expect(verified.stdout.contains("(verified)"))
        #expect(verified.stdout.contains("Chủ hộ: Nguyễn Thị Hồng"))
        let english = try ToolRunner.run([
            "household", "verify", payload, "--trust", trust, "--today", "2026-11-29", "--lang", "en", "--json",
        ])
        let json = try JSONSerialization.jsonObject(with: Data(english.stdout.utf8)) as? [String: Any]
        #expect(json?["verdict"] as? String == "verified")
        #expect(json?["keyId"] as? String == "18223.1")
        #expect((json?["record"] as? [String: Any])?["householdId"] as? String == "18223-0042")
    }

    @Test("a tampered payload reads badSignature and exits 1; expired exits 1")
    func tamperedAndExpired() throws {
        let trust = try keygen()
        let issued = try ToolRunner.run([
            "household", "issue", fixture("record-typical.json"), "--key", path("18223.1.pem"), "--key-id", "18223.1",
            "--json",
        ])
        let object = try JSONSerialization.jsonObject(with: Data(issued.stdout.utf8)) as? [String: Any]
        let payload = try #require(object?["payload"] as? String)
        #expect(object?["bytes"] as? Int == payload.utf8.count)
        // Đức -> Đực in the head's name, CRC recomputed.
        var bytes = Array(payload.replacingOccurrences(of: "Trần Văn Đức", with: "Trần Văn Đực").utf8.dropLast(4))
        bytes += Array(CRC16.hexString(CRC16.checksum(bytes)).utf8)
        let tampered = try ToolRunner.run([
            "household", "verify", String(decoding: bytes, as: UTF8.self), "--trust", trust, "--json", "--today",
            "2026-11-29",
        ])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("\"verdict\":\"badSignature\""))
        let expired = try ToolRunner.run(["household", "verify", payload, "--trust", trust, "--today", "2028-01-01"])
        #expect(expired.status == 1)
        #expect(expired.stdout.contains("(expired)"))
    }

    @Test("an openssl-made key issues codes that verify")
    func opensslKey() throws {
        let key = path("openssl.pem")
        let made = try ToolRunner.runProgram(
            "/usr/bin/env", ["openssl", "genpkey", "-algorithm", "ed25519", "-out", key])
        #expect(made.status == 0)
        let pub = try ToolRunner.runProgram(
            "/usr/bin/env", ["openssl", "pkey", "-in", key, "-pubout", "-outform", "DER"])
        #expect(pub.status == 0)
        let raw = Data(pub.data.suffix(32))
        let base64url = raw.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let trust = path("trust-openssl.json")
        try """
        {"version":1,"keys":[{"keyId":"18223.7","publicKey":"\(base64url)","owner":"openssl","from":"2026-01-01",
        "until":"2030-12-31","status":"active"}]}
        """.write(toFile: trust, atomically: true, encoding: .utf8)
        let image = path("hh.png")
        let issued = try ToolRunner.run([
            "household", "issue", fixture("record-18223-0042.json"), "--key", key, "--key-id", "18223.7", "-o", image,
        ])
        #expect(issued.status == 0, "\(issued.stderr)")
        // Round trip through the image: render, scan, verify.
        let verified = try ToolRunner.run([
            "household", "verify", "--image", image, "--trust", trust, "--today", "2026-11-29",
        ])
        #expect(verified.status == 0, "\(verified.stdout)")
        let scanned = try ToolRunner.run(["scan", image, "--trust", trust, "--today", "2026-11-29", "--lang", "en"])
        #expect(scanned.stdout.contains("household code"))
        #expect(scanned.stdout.contains("VERIFIED"))
    }

    @Test("batch: 85 households, 5 bad rows reported by number, exit 1, no overwrite without --force")
    func batch() throws {
        let trust = try keygen()
        let out = path("stickers")
        let arguments = [
            "household", "batch", fixture("village-85.csv"), "--key", path("18223.1.pem"), "--key-id", "18223.1",
            "--out-dir", out, "--sheet", path("sheet.svg"),
        ]
        let first = try ToolRunner.run(arguments)
        #expect(first.status == 1)
        for row in [11, 24, 38, 52, 70] { #expect(first.stderr.contains("row \(row): ")) }
        let files = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".png") }
        #expect(files.count == 80)
        #expect(!files.contains("18223-0010.png"))  // row 11
        let sheet = try String(contentsOfFile: path("sheet.svg"), encoding: .utf8)
        #expect(sheet.components(separatedBy: "<svg x=").count - 1 == 80)
        #expect(sheet.contains(">Hoàng Đức Trang</text>"))
        // For a printer: one A4 document per page, the stickers shared out among them.
        let pages = try (1...4).map { try String(contentsOfFile: path("sheet-page\($0).svg"), encoding: .utf8) }
        #expect(!FileManager.default.fileExists(atPath: path("sheet-page5.svg")))
        #expect(pages.allSatisfy { $0.contains("height=\"297.00mm\"") })
        #expect(pages.map { $0.components(separatedBy: "<svg x=").count - 1 } == [24, 24, 24, 8])
        #expect(pages[0].contains(">Hoàng Đức Trang</text>"))
        // One sticker, scanned back and verified.
        let verified = try ToolRunner.run([
            "household", "verify", "--image", "\(out)/18223-0001.png", "--trust", trust, "--today", "2026-11-29",
        ])
        #expect(verified.status == 0)
        // A second run must not overwrite anything.
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(out)/18223-0001.png"))
        let second = try ToolRunner.run(arguments)
        #expect(second.status == 73)
        #expect(second.stderr.contains("exists"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(out)/18223-0001.png")) == before)
        let forced = try ToolRunner.run(arguments + ["--force"])
        #expect(forced.stderr.contains("80 of 85 households issued"))
    }
}
