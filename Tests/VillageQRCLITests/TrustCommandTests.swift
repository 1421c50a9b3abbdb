import Foundation
import Testing

/// `villageqr trust` and the scope rule through every command a commune, a province office and a buyer run.
@Suite("villageqr trust and scopes")
struct TrustCommandTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("trust-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func fixture(_ name: String) -> String { HouseholdCommandTests.fixtures.appendingPathComponent(name).path }

    @discardableResult
    func run(_ arguments: [String], status: Int32 = 0) throws -> ToolRunner.Result {
        let result = try ToolRunner.run(arguments)
        #expect(result.status == status, "\(arguments.prefix(3)): \(result.stderr)")
        return result
    }

    /// keygen for `id` with extra options; returns the printed trust list's first key.
    func keygen(_ id: String, _ extra: [String] = []) throws -> [String: Any] {
        let result = try run(
            [
                "household", "keygen", "--key-id", id, "--out-dir", directory.path, "--from", "2026-01-01", "--until",
                "2030-12-31",
            ] + extra)
        try result.stdout.write(toFile: path("trust-\(id).json"), atomically: true, encoding: .utf8)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require((list["keys"] as? [[String: Any]])?.first)
    }

    /// The fixture record moved to Phường Ba Đình (00004), Hà Nội.
    func hanoiRecord() throws -> String {
        var object = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: fixture("record-18223-0042.json"))))
                as? [String: Any])
        object["householdId"] = "00004-0001"
        object["provinceCode"] = "01"
        object["village"] = "Tổ 3"
        let file = path("hanoi.json")
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: file))
        return file
    }

    @Test("keygen writes the scope: its key ID's commune by default, --scope and --province on request")
    func keygenScope() throws {
        let plain = try keygen("18223.1")
        #expect((plain["scope"] as? [String: [String]])?["communes"] == ["18223"])
        let two = try keygen("18223.2", ["--scope", "18223,18226"])
        #expect((two["scope"] as? [String: [String]])?["communes"] == ["18223", "18226"])
        let province = try keygen("42.1", ["--province", "42"])
        #expect((province["scope"] as? [String: [String]])?["provinces"] == ["42"])
        #expect((province["scope"] as? [String: [String]])?["communes"] == [])
        let none = try run(["household", "keygen", "--key-id", "DEMO.1", "--out-dir", directory.path], status: 64)
        #expect(none.stderr.contains("names no commune"))
        let bad = try run(
            ["household", "keygen", "--key-id", "18223.9", "--out-dir", directory.path, "--scope", "1822"], status: 64)
        #expect(bad.stderr.contains("1822"))
        #expect(!FileManager.default.fileExists(atPath: path("DEMO.1.pem")))
        #expect(!FileManager.default.fileExists(atPath: path("18223.9.pem")))
    }

    @Test("commune 18223's key signs a Hà Nội household: outOfScope by payload, image and scan; issue --trust refuses")
    func outOfScopeEverywhere() throws {
        _ = try keygen("18223.1")
        let trust = path("trust-18223.1.json")
        let record = try hanoiRecord()
        let key = ["--key", path("18223.1.pem"), "--key-id", "18223.1"]
        // Without --trust the commune can sign it, as before; every verifier refuses it.
        let image = path("hanoi.png")
        let issued = try run(["household", "issue", record] + key + ["-o", image])
        let payload = issued.stdout.trimmingCharacters(in: .newlines)
        let verified = try run(
            ["household", "verify", payload, "--trust", trust, "--today", "2026-11-29", "--json"], status: 1)
        #expect(verified.stdout.contains(#""verdict":"outOfScope""#))
        #expect(verified.stdout.contains(#""reason":"householdOutOfScope""#))
        #expect(verified.stdout.contains("which may not vouch for households of 00004"))
        let fromImage = try run(
            ["household", "verify", "--image", image, "--trust", trust, "--today", "2026-11-29", "--lang", "en"],
            status: 1)
        #expect(fromImage.stdout.contains("(outOfScope)"))
        #expect(fromImage.stdout.contains("NOT vouched for"))
        let scanned = try run(["scan", image, "--trust", trust, "--today", "2026-11-29", "--json"])
        #expect(scanned.stdout.contains(#""verdict":"outOfScope""#))
        // With --trust, issue refuses before signing and writes nothing.
        let refused = try run(
            ["household", "issue", record] + key + ["--trust", trust, "-o", path("refused.png")], status: 65)
        #expect(refused.stderr.contains("outOfScope"))
        #expect(refused.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path("refused.png")))
        // Its own household still issues with --trust.
        try run(["household", "issue", fixture("record-18223-0042.json")] + key + ["--trust", trust])
    }

    @Test("batch --trust refuses the rows outside the key's scope by row number and issues the rest")
    func batchRefusesOutOfScope() throws {
        _ = try keygen("18223.1")
        let lines = try String(contentsOfFile: fixture("village-85.csv"), encoding: .utf8).split(separator: "\n")
        let moved = lines[2].replacingOccurrences(of: "18223-0002,", with: "00004-0002,")
            .replacingOccurrences(of: ",42,", with: ",01,")
        let csv = path("mixed.csv")
        try ([lines[0], lines[1], Substring(moved)].joined(separator: "\n") + "\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let out = path("stickers")
        let result = try run(
            [
                "household", "batch", csv, "--key", path("18223.1.pem"), "--key-id", "18223.1", "--out-dir", out,
                "--trust", path("trust-18223.1.json"),
            ], status: 1)
        #expect(result.stderr.contains("row 3: outOfScope"))
        #expect(result.stderr.contains("1 of 2 households issued"))
        #expect(FileManager.default.fileExists(atPath: "\(out)/18223-0001.png"))
        #expect(!FileManager.default.fileExists(atPath: "\(out)/00004-0002.png"))
    }

    /// A root for Hà Tĩnh, a province list with a commune key and a province key; returns the signed list's path.
    func provinceList(today: String = "2026-11-29", extra: [String] = []) throws -> String {
        let list = path("trust.json")
        try run(["trust", "init", "--root-key-id", "42", "--list", list])
        _ = try keygen("18223.1")
        _ = try keygen("18229.1")
        for (id, owner) in [("18223.1", "UBND xã Kim Hoa (18223)"), ("18229.1", "UBND xã 18229")] {
            try run([
                "trust", "add", "--key-id", id, "--public-key", path("\(id).pub.pem"), "--owner", owner, "--scope",
                String(id.prefix(5)), "--from", "2026-01-01", "--until", "2030-12-31", "--list", list,
            ])
        }
        let signed = path("trust.signed.json")
        // A next update far off, since `issue` checks staleness against the real day.
        try run([
            "trust", "sign", "--list", list, "-o", signed, "--issued", "2026-11-01", "--next-update", "2030-12-31",
        ])
        return signed
    }

    @Test("trust init, add, sign, show; household verify and scan with --root")
    func signedListWorkflow() throws {
        let signed = try provinceList()
        let attributes = try FileManager.default.attributesOfItem(atPath: path("42.pem"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let shown = try run(["trust", "show", signed, "--root", path("42.pub.pem"), "--today", "2026-11-29"])
        #expect(shown.stdout.contains("trust list signed by root 42: signature good"))
        #expect(shown.stdout.contains("18229.1: UBND xã 18229; vouches for communes 18229"))
        // Each commune's sticker verifies against the signed list.
        for id in ["18223", "18229"] {
            var object = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: URL(fileURLWithPath: fixture("record-18223-0042.json")))) as? [String: Any])
            object["householdId"] = "\(id)-0001"
            let record = path("record-\(id).json")
            try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: record))
            let image = path("sticker-\(id).png")
            try run([
                "household", "issue", record, "--key", path("\(id).1.pem"), "--key-id", "\(id).1", "--trust", signed,
                "--root", path("42.pub.pem"), "-o", image,
            ])
            let verified = try run([
                "household", "verify", "--image", image, "--trust", signed, "--root", path("42.pub.pem"), "--today",
                "2026-11-29",
            ])
            #expect(verified.stdout.contains("(verified)"))
            #expect(!verified.stderr.contains("warning"))
            let scanned = try run([
                "scan", image, "--trust", signed, "--root", path("42.pub.pem"), "--today", "2026-11-29", "--lang", "en",
            ])
            #expect(scanned.stdout.contains("VERIFIED"))
        }
        // 18229's key may not sign for 18223.
        let cross = try run(
            [
                "household", "issue", fixture("record-18223-0042.json"), "--key", path("18229.1.pem"), "--key-id",
                "18229.1", "--trust", signed, "--root", path("42.pub.pem"),
            ], status: 65)
        #expect(cross.stderr.contains("outOfScope"))
    }

    @Test("a tampered, wrongly signed or stale list is refused by show, verify and scan; a signed list needs --root")
    func refusedLists() throws {
        let signed = try provinceList()
        let payload = try run([
            "household", "issue", fixture("record-18223-0042.json"), "--key", path("18223.1.pem"), "--key-id",
            "18223.1",
        ]).stdout.trimmingCharacters(in: .newlines)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: signed)))
        bytes[60] ^= 0x01
        let tampered = path("tampered.json")
        try Data(bytes).write(to: URL(fileURLWithPath: tampered))
        let root = path("42.pub.pem")
        let otherRoot = path("other/43.pub.pem")
        try FileManager.default.createDirectory(atPath: path("other"), withIntermediateDirectories: true)
        try run(["trust", "init", "--root-key-id", "43", "--list", path("other/trust.json")])
        let cases: [(file: String, root: String, today: String, code: String)] = [
            (tampered, root, "2026-11-29", ""),
            (signed, otherRoot, "2026-11-29", "listSignatureMismatch"),
            (signed, root, "2031-01-01", "staleList"),
        ]
        for (file, key, today, code) in cases {
            let shown = try run(["trust", "show", file, "--root", key, "--today", today], status: 1)
            #expect(shown.stderr.contains("error: ProvenanceError.\(code)"), "\(shown.stderr)")
            let verified = try run(
                ["household", "verify", payload, "--trust", file, "--root", key, "--today", today], status: 65)
            #expect(verified.stderr.contains("error: ProvenanceError.\(code)"))
            #expect(verified.stdout.isEmpty)
        }
        let noRoot = try run(["household", "verify", payload, "--trust", signed, "--today", "2026-11-29"], status: 65)
        #expect(noRoot.stderr.contains("listNotSigned"))
        #expect(noRoot.stderr.contains("--root"))
        // The unsigned working list still works, with a warning.
        let unsigned = try run(["household", "verify", payload, "--trust", path("trust.json"), "--today", "2026-11-29"])
        #expect(unsigned.stderr.contains("warning: \(path("trust.json")): the trust list is not signed"))
    }

    @Test("trust revoke --on: codes issued from that day read revoked; earlier ones verify")
    func revokeFromADay() throws {
        _ = try provinceList()
        let list = path("trust.json")
        try run(["trust", "revoke", "--key-id", "18223.1", "--on", "2026-11-15", "--list", list])
        let signed = path("revoked.signed.json")
        try run([
            "trust", "sign", "--list", list, "-o", signed, "--issued", "2026-11-15", "--next-update", "2026-12-15",
        ])
        var object = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: fixture("record-18223-0042.json")))) as? [String: Any])
        for (issued, verdict) in [("2026-11-14", "verified"), ("2026-11-15", "revoked")] {
            object["issued"] = issued
            let record = path("record-\(issued).json")
            try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: record))
            let payload = try run([
                "household", "issue", record, "--key", path("18223.1.pem"), "--key-id", "18223.1",
            ]).stdout.trimmingCharacters(in: .newlines)
            let result = try run(
                [
                    "household", "verify", payload, "--trust", signed, "--root", path("42.pub.pem"), "--today",
                    "2026-11-29", "--json",
                ], status: verdict == "verified" ? 0 : 1)
            #expect(result.stdout.contains(#""verdict":"\#(verdict)""#), "\(issued)")
        }
        // A signed revocation list, from the same root.
        let revoked = path("revoked.json")
        try #"{"version":1,"revoked":[{"householdId":"18223-0042","issuedBefore":"2026-11-20"}]}"#
            .write(toFile: revoked, atomically: true, encoding: .utf8)
        let signedRevocations = path("revoked-households.signed.json")
        try run([
            "trust", "sign", "--list", list, "--revocations", revoked, "-o", signedRevocations, "--issued",
            "2026-11-20",
        ])
        let shown = try run([
            "trust", "show", signedRevocations, "--root", path("42.pub.pem"), "--today", "2026-11-29",
        ])
        #expect(shown.stdout.contains("revocation list signed by root 42"))
        #expect(shown.stdout.contains("18223-0042: codes issued before 2026-11-20"))
        let payload = try run([
            "household", "issue", path("record-2026-11-14.json"), "--key", path("18223.1.pem"), "--key-id", "18223.1",
        ]).stdout.trimmingCharacters(in: .newlines)
        let result = try run(
            [
                "household", "verify", payload, "--trust", signed, "--revoked", signedRevocations, "--root",
                path("42.pub.pem"), "--today", "2026-11-29", "--json",
            ], status: 1)
        #expect(result.stdout.contains(#""reason":"householdRevoked""#))
    }

    @Test("trust commands never overwrite a key, nor add a key ID twice; sign never overwrites without --force")
    func neverOverwrite() throws {
        let signed = try provinceList()
        let before = try Data(contentsOf: URL(fileURLWithPath: path("42.pem")))
        let again = try run(["trust", "init", "--root-key-id", "42", "--list", path("trust.json")], status: 73)
        #expect(again.stderr.contains("never overwritten"))
        #expect(!again.stderr.contains("--force"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("42.pem"))) == before)
        let twice = try run(
            [
                "trust", "add", "--key-id", "18223.1", "--public-key", path("18229.1.pub.pem"), "--owner", "x",
                "--from", "2026-01-01", "--until", "2026-12-31", "--list", path("trust.json"),
            ], status: 73)
        #expect(twice.stderr.contains("already holds key 18223.1"))
        let resign = try run(["trust", "sign", "--list", path("trust.json"), "-o", signed], status: 73)
        #expect(resign.stderr.contains("exists"))
        #expect(resign.stderr.contains("pass --force to overwrite it"))
        try run(["trust", "sign", "--list", path("trust.json"), "-o", signed, "--force"])
    }
}
