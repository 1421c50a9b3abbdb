import Foundation
import Testing

/// `household batch` when its folder cannot be used: every failure is reported, none passed over.
@Suite("villageqr household batch: folders that cannot be used")
struct HouseholdBatchCommandTests {
    static let csv = HouseholdCommandTests.fixtures.appendingPathComponent("village-85.csv").path
    static let signing = [
        "--key", HouseholdCommandTests.fixtures.appendingPathComponent("test-key-18223.1.pem").path, "--key-id",
        "18223.1",
    ]

    @Test("an --out-dir that cannot be created stops the batch with status 74, before any row is signed")
    func outDirIsAFile() throws {
        try withScratchFolder { folder in
            let file = folder.appendingPathComponent("stickers").path
            try Data("not a folder".utf8).write(to: URL(fileURLWithPath: file))
            let result = try ToolRunner.run(
                ["household", "batch", Self.csv, "--out-dir", file + "/village"] + Self.signing)
            #expect(result.status == 74)
            #expect(
                result.stderr.contains("error: notADirectory: \(file) exists and is not a folder"), "\(result.stderr)")
            #expect(!result.stderr.contains("households issued"))
            #expect(result.stdout.isEmpty)
        }
    }

    @Test("a stray temporary file that cannot be removed is reported, with status 74")
    func strayThatCannotBeRemoved() throws {
        try withScratchFolder { folder in
            // A finished process's PID, so the stray file is one nobody will finish; a folder, which unlink refuses.
            let finished = Process()
            finished.executableURL = URL(fileURLWithPath: "/bin/true")
            try finished.run()
            finished.waitUntilExit()
            let out = folder.appendingPathComponent("stickers")
            let stray = out.appendingPathComponent("18223-0001.png.tmp-\(finished.processIdentifier)-7")
            try FileManager.default.createDirectory(at: stray, withIntermediateDirectories: true)
            try Data().write(to: stray.appendingPathComponent("inside"))
            let result = try ToolRunner.run(["household", "batch", Self.csv, "--out-dir", out.path] + Self.signing)
            #expect(result.status == 74)
            #expect(result.stderr.contains("cannot remove \(stray.path)"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("18223-0001.png").path))
        }
    }
}
