import ArgumentParser
import Foundation
import Glibc
import TestSupport
import Testing

@testable import VillageQRCLI

/// `villageqr` as a Unix tool: results on standard output, everything else on standard error, each result as soon
/// as it is known, help that wraps, and one table of exit statuses.
@Suite("villageqr as a Unix tool")
struct UnixToolTests {
    static let payload = DecodeCommandTests.p121

    // MARK: Where output goes

    @Test("scan: an unreadable image is reported on standard error, never among the results")
    func scanErrorsGoToStandardError() throws {
        try withScratchFolder { folder in
            let good = folder.appendingPathComponent("good.png").path
            let broken = folder.appendingPathComponent("broken.png").path
            #expect(try ToolRunner.run(["render", "ok", "-o", good]).status == 0)
            try Data("not an image".utf8).write(to: URL(fileURLWithPath: broken))

            let alone = try ToolRunner.run(["scan", broken])
            #expect(alone.status == 1)
            #expect(alone.stdout.isEmpty)
            #expect(alone.stderr.contains("\(broken): error"))

            let mixed = try ToolRunner.run(["scan", good, broken])
            #expect(mixed.status == 1)
            #expect(mixed.stdout.hasPrefix("\(good): 1 code\n"))
            #expect(!mixed.stdout.contains(broken))
            #expect(mixed.stderr.contains("\(broken): error"))
            #expect(!mixed.stderr.contains(good))

            // With --json the error stays inside the image's object, on standard output.
            let json = try ToolRunner.run(["scan", "--json", broken])
            #expect(json.status == 1)
            #expect(json.stderr.isEmpty)
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect((object["error"] as? [String: Any])?["code"] as? String == "unknownFormat")
        }
    }

    @Test("scan: an image with no code is reported on standard error")
    func scanNothingFoundGoesToStandardError() throws {
        try withScratchFolder { folder in
            let blank = folder.appendingPathComponent("blank.pgm").path
            try Data("P5 64 64 255\n".utf8 + [UInt8](repeating: 255, count: 64 * 64)).write(
                to: URL(fileURLWithPath: blank))
            let result = try ToolRunner.run(["scan", blank])
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == "\(blank): no QR code found\n")
        }
    }

    @Test("decode, pay, banks and render put only results on standard output")
    func otherCommandsSplitTheirOutput() throws {
        let decoded = try ToolRunner.run(["decode", Self.payload])
        #expect(decoded.status == 0 && decoded.stderr.isEmpty)

        let paid = try ToolRunner.run(["pay", "--bank", "VCB", "--account", "1", "--purpose", "Mua rau cải"])
        #expect(paid.status == 0)
        #expect(paid.stdout.hasPrefix("000201") && paid.stdout.split(separator: "\n").count == 1)
        #expect(paid.stderr.hasPrefix("folded "))

        let unknownBank = try ToolRunner.run(["banks", "no such bank at all"])
        #expect(unknownBank.status == 1 && unknownBank.stdout.isEmpty && !unknownBank.stderr.isEmpty)

        let tooLong = try ToolRunner.run(["render", String(repeating: "x", count: 8000), "--terminal"])
        #expect(tooLong.status != 0 && tooLong.stdout.isEmpty)
        #expect(tooLong.stderr.hasPrefix("error: "))

        let missingTrust = try ToolRunner.run(["household", "verify", "x", "--trust", "/nonexistent/trust.json"])
        #expect(missingTrust.status != 0 && missingTrust.stdout.isEmpty)
        #expect(missingTrust.stderr.hasPrefix("error: "))
    }

    // MARK: Output as it happens

    @Test("decode - writes each payload's line as soon as the line has been read")
    func decodeStreamsFromStandardInput() throws {
        let run = try StreamingRun(["decode", "--json", "-"])
        try run.send(Self.payload + "\n")
        // Standard input is still open: the first result must come out now, not at the end.
        let first = try #require(run.lines(1, within: 20), "no line while standard input is open")
        #expect(first[0].contains(#""valid":true"#))
        #expect(run.isRunning)
        try run.send("hello\r\n")
        let two = try #require(run.lines(2, within: 20))
        #expect(two[1].contains(#""valid":false"#))
        try run.closeInput()
        #expect(run.wait() == 1)
    }

    @Test("scan writes an image's line before the next image is done", arguments: [true, false])
    func scanStreamsPerImage(json: Bool) throws {
        try withScratchFolder { folder in
            let first = folder.appendingPathComponent("a.png").path
            #expect(try ToolRunner.run(["render", "first", "-o", first]).status == 0)
            // The second image is a FIFO: scan blocks opening it until this test opens the other end.
            let slow = folder.appendingPathComponent("b.png").path
            #expect(mkfifo(slow, 0o600) == 0)
            let run = try StreamingRun(["scan"] + (json ? ["--json"] : []) + [first, slow])
            let line = try #require(run.lines(1, within: 30), "a.png's result held back behind b.png")
            #expect(line[0].contains(json ? #""image":"\#(first)""# : "\(first): 1 code"))
            #expect(run.isRunning)
            let writer = open(slow, O_WRONLY)
            #expect(writer >= 0)
            close(writer)
            try run.closeInput()
            #expect(run.wait() == 1)
        }
    }

    // MARK: Help text

    /// Every command's path below the root, `["household", "issue"]` for instance.
    static func commandPaths(
        _ command: any ParsableCommand.Type = VillageQRCommand.self, _ prefix: [String] = []
    )
        -> [[String]]
    {
        command.configuration.subcommands.flatMap { sub in
            let path = prefix + [sub._commandName]
            return [path] + commandPaths(sub, path)
        }
    }

    @Test("Help paragraphs have no hard line breaks inside sentences")
    func helpWrapsCleanly() throws {
        let paths = Self.commandPaths()
        #expect(paths.count > 15)
        for path in [[]] + paths {
            let help = try ToolRunner.run(path + ["--help"], environment: ["COLUMNS": "1000"])
            #expect(help.status == 0)
            let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.count > 3)
            for (line, next) in zip(lines, lines.dropFirst()) {
                // At this width ArgumentParser wraps nothing, so a paragraph is one line. A long line that stops
                // without ending its sentence, followed by more prose at the same indentation, is a hard newline.
                let indent = line.prefix { $0 == " " }.count
                let nextIndent = next.prefix { $0 == " " }.count
                let stops = line.last.map { ".:;!?)}]\"'*`".contains($0) } ?? true
                let prose = next.dropFirst(nextIndent).first?.isLetter ?? false
                #expect(
                    line.count < 60 || stops || indent != nextIndent || !prose,
                    "villageqr \(path.joined(separator: " ")) --help breaks a sentence:\n\(line)\n\(next)")
            }
        }
    }

    // MARK: No warning about its own output

    @Test("pay does not warn about the transfer code it built on purpose")
    func payWarnsOnlyAboutInput() throws {
        for service in ["account", "card"] {
            let plain = try ToolRunner.run(["pay", "--bank", "VCB", "--account", "0011001234567", "--service", service])
            #expect(plain.status == 0)
            #expect(plain.stderr.isEmpty, "\(plain.stderr)")
            let json = try ToolRunner.run(["pay", "--bank", "VCB", "--account", "0011001234567", "--json"])
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect((object["warnings"] as? [Any])?.isEmpty == true)
            #expect(json.stderr.isEmpty)
        }
        // What the user asked for still gets its warning: a reusable code with a fixed amount.
        let staticAmount = try ToolRunner.run([
            "pay", "--bank", "VCB", "--account", "0011001234567", "--static", "--amount", "1000",
        ])
        #expect(staticAmount.status == 0)
        #expect(staticAmount.stderr.contains("warning: staticWithAmount"))
        #expect(!staticAmount.stderr.contains("merchantCategoryAbsent"))
    }

    // MARK: Exit statuses

    @Test("The exit-status table is in the root help and in the README")
    func exitStatusTable() throws {
        let help = try ToolRunner.run(["--help"], environment: ["COLUMNS": "1000"])
        let readme = try String(
            contentsOf: Repository.path("README.md"),
            encoding: .utf8)
        // Each row fits a narrow terminal, so ArgumentParser never wraps it out of its column.
        let rows = help.stdout.split(separator: "\n").filter {
            $0.hasPrefix("  ") && $0.dropFirst(2).first?.isNumber == true
        }
        #expect(rows.count == 6)
        for row in rows { #expect(row.count <= 78, "\(row)") }
        for status in [0, 1, 64, 65, 73, 74] {
            #expect(help.stdout.contains("\n  \(status) "), "\(status) missing from --help")
            #expect(readme.contains("\n| \(status) | "), "\(status) missing from the README")
        }
    }

    @Test("Every command exits 64 on a usage error, having printed nothing on standard output")
    func usageErrors() throws {
        let leaves = Self.commandPaths().filter { path in
            !Self.commandPaths().contains { $0.count > path.count && Array($0.prefix(path.count)) == path }
        }
        #expect(leaves.count > 12)
        for path in leaves {
            let result = try ToolRunner.run(path + ["--no-such-option"])
            #expect(result.status == 64, "\(path)")
            #expect(result.stdout.isEmpty, "\(path)")
            #expect(result.stderr.hasPrefix("Error: "), "\(path)")
        }
    }

    @Test("Each status means the same in every command")
    func exitStatuses() throws {
        try withScratchFolder { folder in
            func file(_ name: String) -> String { folder.appendingPathComponent(name).path }
            let missing = file("missing/nothing.json")
            try Data("{not json".utf8).write(to: URL(fileURLWithPath: file("malformed.json")))
            try Data("keep".utf8).write(to: URL(fileURLWithPath: file("existing.png")))
            #expect(try ToolRunner.run(["render", "ok", "-o", file("good.png")]).status == 0)
            let blank = file("blank.pgm")
            try Data("P5 64 64 255\n".utf8 + [UInt8](repeating: 255, count: 64 * 64)).write(
                to: URL(fileURLWithPath: blank))
            let record = HouseholdCommandTests.fixtures.appendingPathComponent("record-18223-0042.json").path
            let dates = ["--from", "2026-01-01", "--until", "2026-12-31"]
            let cases: [(arguments: [String], status: Int32)] = [
                (["decode", Self.payload], 0),
                (["decode", "hello"], 1),
                (["pay", "--bank", "VCB", "--account", "1"], 0),
                (["pay", "--bank", "VCB", "--account", "1", "--purpose", String(repeating: "x", count: 40)], 65),
                (["pay", "--bank", "VCB", "--account", "1", "-o", file("existing.png")], 73),
                (["pay", "--bank", "VCB", "--account", "1", "-o", file("missing/code.png")], 74),
                (["banks", "vcb"], 0),
                (["banks", "no such bank at all"], 1),
                (["render", "x", "--terminal"], 0),
                (["render", String(repeating: "x", count: 8000), "--terminal"], 65),
                (["render", "x", "-o", file("existing.png")], 73),
                (["render", "x", "-o", file("missing/code.png")], 74),
                (["scan", file("good.png")], 0),
                (["scan", blank], 1),
                (["scan", file("missing.png")], 1),
                (["household", "template"], 0),
                (["household", "issue", record, "--key", file("malformed.json"), "--key-id", "18223.1"], 65),
                (["household", "issue", record, "--key", missing, "--key-id", "18223.1"], 74),
                (["household", "verify", "x", "--trust", file("malformed.json")], 65),
                (["household", "verify", "x", "--trust", missing], 74),
                (["household", "keygen", "--key-id", "18223.9", "--out-dir", file("missing")], 74),
                (["trust", "show", file("malformed.json")], 1),
                (["trust", "show", missing], 74),
                (
                    ["trust", "add", "--key-id", "18223.5", "--public-key", record, "--owner", "x"] + dates + [
                        "--list", missing,
                    ], 74
                ),
            ]
            for (arguments, status) in cases {
                let result = try ToolRunner.run(arguments)
                #expect(result.status == status, "\(arguments.prefix(3)): \(result.stderr)")
                // Beyond 1 (a negative result, which decode reports as its result), the reason is on standard error.
                if status > 1 {
                    #expect(!result.stderr.isEmpty, "\(arguments.prefix(3)) said nothing on standard error")
                }
            }
        }
    }

    // MARK: Version

    @Test("--version prints the version on standard output")
    func version() throws {
        let result = try ToolRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == VillageQRCommand.version + "\n")
        #expect(result.stderr.isEmpty)
        #expect(VillageQRCommand.version.split(separator: ".").count == 3)
    }
}
