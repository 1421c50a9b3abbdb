import Foundation
import TestSupport
import Testing

/// `villageqr household site`: the files it writes, what the data file holds, and that nothing is overwritten unless
/// asked. The page itself is checked in Chromium by scripts/check-verifier-page.py.
@Suite("villageqr household site")
struct HouseholdSiteCommandTests {
    static let sources = Repository.path("Sources/VillageQRCLI/Site")
    static let pageFiles = ["index.html", "verifier.js", "style.css", "sw.js", "manifest.webmanifest", "icon.svg"]

    /// A trust list from keygen and a revocation list, in `folder`.
    func lists(in folder: URL) throws -> (trust: String, revoked: String) {
        let keygen = try ToolRunner.run([
            "household", "keygen", "--key-id", "18223.1", "--owner", "UBND xã Kim Hoa (18223)", "--out-dir",
            folder.path, "--from", "2026-01-01", "--until", "2030-12-31",
        ])
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let trust = folder.appendingPathComponent("trust.json").path
        try keygen.stdout.write(toFile: trust, atomically: true, encoding: .utf8)
        let revoked = folder.appendingPathComponent("revoked.json").path
        try #"{"version":1,"revoked":[{"householdId":"18223-0099","issuedBefore":"2026-11-15"}]}"#
            .write(toFile: revoked, atomically: true, encoding: .utf8)
        return (trust, revoked)
    }

    /// The data file's JSON: `self.VILLAGEQR_SITE = {...};` after two comment lines.
    func siteData(_ site: URL) throws -> [String: Any] {
        let text = try String(contentsOf: site.appendingPathComponent("trust.js"), encoding: .utf8)
        let start = try #require(text.range(of: "self.VILLAGEQR_SITE = "))
        let json = text[start.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines).dropLast()
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test("writes the page's files as they are in the repository, and the data from the lists and tables")
    func writesTheSite() throws {
        try withScratchFolder { folder in
            let (trust, revoked) = try lists(in: folder)
            let site = folder.appendingPathComponent("site")
            let result = try ToolRunner.run(
                ["household", "site", "--trust", trust, "--revoked", revoked, "-o", site.path])
            #expect(result.status == 0, "\(result.stderr)")
            for name in Self.pageFiles {
                let written = try Data(contentsOf: site.appendingPathComponent(name))
                #expect(written == (try Data(contentsOf: Self.sources.appendingPathComponent(name))), "\(name)")
            }
            let data = try siteData(site)
            let keys = try #require((data["trust"] as? [String: Any])?["keys"] as? [[String: Any]])
            #expect(keys.count == 1)
            #expect(keys.first?["keyId"] as? String == "18223.1")
            #expect(keys.first?["owner"] as? String == "UBND xã Kim Hoa (18223)")
            #expect((keys.first?["scope"] as? [String: [String]])?["communes"] == ["18223"])
            let revocations = try #require(data["revoked"] as? [[String: Any]])
            #expect(revocations.first?["householdId"] as? String == "18223-0099")
            let places = try #require(data["places"] as? [String: Any])
            #expect((places["communes"] as? [String: [String]])?.count == 3321)
            #expect((places["communes"] as? [String: [String]])?["18223"] == ["42", "Xã Kim Hoa"])
            #expect((places["provinces"] as? [String: String])?.count == 34)
            #expect((data["files"] as? [String])?.contains("trust.js") == true)
            #expect(((data["verdicts"] as? [String: [String: String]])?["verified"])?["vi"] == "ĐÃ XÁC THỰC")
        }
    }

    @Test("refuses to overwrite any of the site's files without --force, and leaves the folder as it was")
    func refusesOverwrite() throws {
        try withScratchFolder { folder in
            let (trust, _) = try lists(in: folder)
            let site = folder.appendingPathComponent("site")
            #expect(try ToolRunner.run(["household", "site", "--trust", trust, "-o", site.path]).status == 0)
            let edited = site.appendingPathComponent("style.css")
            try "/* the commune's own styles */\n".write(to: edited, atomically: true, encoding: .utf8)
            let before = try Data(contentsOf: site.appendingPathComponent("trust.js"))
            let again = try ToolRunner.run(["household", "site", "--trust", trust, "-o", site.path])
            #expect(again.status == 73)
            #expect(again.stderr.contains("pass --force"))
            #expect(try String(contentsOf: edited, encoding: .utf8) == "/* the commune's own styles */\n")
            #expect(try Data(contentsOf: site.appendingPathComponent("trust.js")) == before)
            let forced = try ToolRunner.run(["household", "site", "--trust", trust, "-o", site.path, "--force"])
            #expect(forced.status == 0, "\(forced.stderr)")
            #expect(
                try Data(contentsOf: edited) == (try Data(contentsOf: Self.sources.appendingPathComponent("style.css")))
            )
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.path).filter {
                $0.contains(".tmp-")
            }
            #expect(leftovers.isEmpty)
        }
    }

    @Test("a trust list that does not read is an error with its code, and writes nothing")
    func badTrustList() throws {
        try withScratchFolder { folder in
            let trust = folder.appendingPathComponent("trust.json")
            try #"{"version":2,"keys":[]}"#.write(to: trust, atomically: true, encoding: .utf8)
            let site = folder.appendingPathComponent("site")
            let result = try ToolRunner.run(["household", "site", "--trust", trust.path, "-o", site.path])
            #expect(result.status == 65)
            #expect(result.stderr.contains("invalidList"))
            #expect(!FileManager.default.fileExists(atPath: site.path))
        }
    }
}
