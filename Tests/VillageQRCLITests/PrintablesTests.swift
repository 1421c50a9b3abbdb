import Foundation
import QRImaging
import Testing

/// The printables as a printer gets them: rendered by librsvg's rsvg-convert (Debian `librsvg2-bin`), every code
/// scanned back with QRImaging's scanner.
enum Printout {
    /// Every code on `svgPath` rendered at `dpi`, as text.
    static func scan(_ svgPath: String, dpi: Int) throws -> [String] {
        let png = svgPath + ".png"
        let rendered = try ToolRunner.runProgram(
            "/usr/bin/env",
            [
                "rsvg-convert", "--dpi-x", "\(dpi)", "--dpi-y", "\(dpi)", "--background-color", "white", "-o", png,
                svgPath,
            ])
        #expect(rendered.status == 0)
        let image = try GrayImage(decoding: Array(try Data(contentsOf: URL(fileURLWithPath: png))))
        return try QRScanner(workingSize: max(image.width, image.height)).scan(image).map {
            String(decoding: $0.bytes, as: UTF8.self)
        }
    }

    /// The code in an image file the batch wrote.
    static func scanImage(_ path: String) throws -> [String] {
        try QRScanner().scan(imageData: Array(try Data(contentsOf: URL(fileURLWithPath: path)))).map {
            String(decoding: $0.bytes, as: UTF8.self)
        }
    }
}

@Suite("printables: counter card and sticker sheets")
struct PrintablesTests {
    @Test("pay --card writes an A6 card with the shop's name as typed, the bank and account, that scans back")
    func counterCard() throws {
        try withScratchFolder { folder in
            let card = folder.appendingPathComponent("card.svg").path
            let arguments = [
                "pay", "--bank", "VCB", "--account", "0011001234567", "--merchant-name", "Tạp hóa Cô Ba", "--card",
                card,
            ]
            let paid = try ToolRunner.run(arguments)
            #expect(paid.status == 0, "\(paid.stderr)")
            let payload = paid.stdout.trimmingCharacters(in: .newlines)
            #expect(payload.contains("Tap hoa Co Ba"))  // field 59 is folded; the card is not
            let svg = try String(contentsOfFile: card, encoding: .utf8)
            #expect(svg.contains("width=\"105.00mm\" height=\"148.00mm\""))
            for text in ["Tạp hóa Cô Ba", "Vietcombank", "0011001234567", "Quét mã để thanh toán"] {
                #expect(svg.contains(">\(text)") || svg.contains("\(text)</text>"), "\(text)")
            }
            #expect(!svg.contains("<image"))  // no logos
            #expect(try Printout.scan(card, dpi: 150) == [payload])
            // Never overwritten without --force.
            let again = try ToolRunner.run(arguments)
            #expect(again.status == 64)
            #expect(try String(contentsOfFile: card, encoding: .utf8) == svg)
            #expect(try ToolRunner.run(arguments + ["--force"]).status == 0)
        }
    }

    @Test("pay --service card pays to a card number; --help says so")
    func cardNumberIsAService() throws {
        let paid = try ToolRunner.run(["pay", "--bank", "VCB", "--account", "9704368625581601018", "--service", "card"])
        #expect(paid.status == 0)
        #expect(paid.stdout.contains("QRIBFTTC"))
        let help = try ToolRunner.run(["pay", "--help"])
        #expect(help.stdout.contains("--card <card>"))
        #expect(help.stdout.contains("--service card"))
    }
}

@Suite("villageqr household: the officer's spreadsheet and sheets")
struct HouseholdSheetTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/Provenance")
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "household-sheet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let key = try ToolRunner.run([
            "household", "keygen", "--key-id", "18223.1", "--out-dir", directory.path, "--from", "2026-01-01",
        ])
        #expect(key.status == 0, "\(key.stderr)")
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    var signing: [String] { ["--key", path("18223.1.pem"), "--key-id", "18223.1"] }

    @Test("the sheet's first page, rendered, scans back to the codes of the images", .timeLimit(.minutes(3)))
    func sheetScansBack() throws {
        let out = path("stickers")
        let batch = try ToolRunner.run(
            [
                "household", "batch", Self.fixtures.appendingPathComponent("village-85.csv").path, "--out-dir", out,
                "--sheet", path("sheet.svg"), "--stock", "a4-3x8",
            ] + signing)
        #expect(batch.status == 1)  // the fixture's five bad rows
        let page = try Printout.scan(path("sheet-page1.svg"), dpi: 300)
        #expect(page.count == 24)
        #expect(Set(page).count == 24)
        // The first 24 good rows: rows 2 to 27 less rows 11 and 24 (18223-0010 and 18223-0023).
        let ids = (1...26).filter { ![10, 23].contains($0) }.map { String(format: "18223-%04d", $0) }
        let images = try ids.flatMap { try Printout.scanImage("\(out)/\($0).png") }
        #expect(Set(page) == Set(images))
    }

    @Test("a stock too small for the codes is refused with a typed error, and no sheet is written")
    func stockTooSmall() throws {
        let batch = try ToolRunner.run(
            [
                "household", "batch", Self.fixtures.appendingPathComponent("village-85.csv").path, "--out-dir",
                path("stickers"), "--sheet", path("sheet.svg"), "--stock", "a4-4x10",
            ] + signing)
        #expect(batch.status == 1)
        #expect(batch.stderr.contains("module-too-small at sticker 1"), "\(batch.stderr)")
        #expect(batch.stderr.contains("a4-3x8"))
        #expect(!FileManager.default.fileExists(atPath: path("sheet.svg")))
        let unknown = try ToolRunner.run(
            ["household", "batch", "x.csv", "--out-dir", path("s"), "--stock", "a4-9x9"] + signing)
        #expect(unknown.status == 64)
    }

    @Test("household template > village.csv: batch reads it back", arguments: ["vi", "en"])
    func templateRoundTrip(_ lang: String) throws {
        let template = try ToolRunner.run(["household", "template", "--lang", lang])
        #expect(template.status == 0)
        #expect(template.stderr.isEmpty)
        try Data(template.stdout.utf8).write(to: URL(fileURLWithPath: path("village.csv")))
        let batch = try ToolRunner.run(
            ["household", "batch", path("village.csv"), "--out-dir", path("stickers")] + signing)
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stderr.contains("1 of 1 households issued"))
        #expect(FileManager.default.fileExists(atPath: path("stickers/18223-0042.png")))
    }

    @Test("household template --help lists the columns and every allowed value")
    func templateHelp() throws {
        let help = try ToolRunner.run(["household", "template", "--help"])
        #expect(help.status == 0)
        for text in ["household_id / Mã hộ *", "doubleVault (DV): Nhà tiêu hai ngăn", "vietGAP (VG)", "Ngày hết hạn"] {
            #expect(help.stdout.contains(text), "\(text)")
        }
    }

    @Test("--skip-existing keeps the images there, issues the rest, and still lays out every code on the sheet")
    func skipExisting() throws {
        let out = path("stickers")
        let csv = Self.fixtures.appendingPathComponent("village-85.csv").path
        let first = try ToolRunner.run(["household", "batch", csv, "--out-dir", out] + signing)
        #expect(first.status == 1)
        let files = FileManager.default
        for n in [1, 2, 3] { try files.removeItem(atPath: String(format: "\(out)/18223-%04d.png", n)) }
        // Two images that must not go on the sheet: another household's code, and one signed with another key.
        try files.removeItem(atPath: "\(out)/18223-0004.png")
        try files.copyItem(atPath: "\(out)/18223-0005.png", toPath: "\(out)/18223-0004.png")
        let otherKey = try ToolRunner.run([
            "household", "keygen", "--key-id", "18223.2", "--out-dir", directory.path, "--from", "2026-01-01",
        ])
        #expect(otherKey.status == 0)
        try files.removeItem(atPath: "\(out)/18223-0042.png")
        let reissued = try ToolRunner.run([
            "household", "issue", Self.fixtures.appendingPathComponent("record-18223-0042.json").path, "--key",
            path("18223.2.pem"), "--key-id", "18223.2", "-o", "\(out)/18223-0042.png",
        ])
        #expect(reissued.status == 0, "\(reissued.stderr)")
        let kept = try identities(out)
        let second = try ToolRunner.run(
            ["household", "batch", csv, "--out-dir", out, "--skip-existing", "--sheet", path("sheet.svg")] + signing)
        #expect(second.status == 1)
        #expect(second.stderr.contains("18223-0004.png does not hold household 18223-0004's code"), "\(second.stderr)")
        #expect(second.stderr.contains("18223-0042.png is signed with key 18223.2, not 18223.1"))
        #expect(second.stderr.contains("3 of 85 households issued into \(out), 75 kept as they were"))
        let after = try identities(out)
        #expect(after.count == 80)
        for (name, identity) in kept { #expect(after[name] == identity, "\(name)") }
        let sheet = try String(contentsOfFile: path("sheet.svg"), encoding: .utf8)
        #expect(sheet.components(separatedBy: "<svg x=").count - 1 == 78)
        let conflicting = try ToolRunner.run(
            ["household", "batch", csv, "--out-dir", out, "--skip-existing", "--force"] + signing)
        #expect(conflicting.status == 64)
    }

    @Test("a batch killed with SIGKILL is finished by the next run with --skip-existing", .timeLimit(.minutes(5)))
    func killedBatchFinishes() throws {
        // A village big enough to kill halfway: row 2 of the fixture under 2,000 household IDs.
        let fixture = try String(contentsOf: Self.fixtures.appendingPathComponent("village-85.csv"), encoding: .utf8)
        let lines = fixture.split(separator: "\n")
        let total = 2000
        var text = lines[0] + "\n"
        for n in 1...total { text += String(format: "18223-%04d", n) + lines[1].dropFirst("18223-0001".count) + "\n" }
        let csv = path("big.csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: csv))
        let out = path("stickers")
        let process = Process()
        process.executableURL = ToolRunner.executable
        process.arguments = ["household", "batch", csv, "--out-dir", out] + signing
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        func images() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter { $0.hasSuffix(".png") }
        }
        while images().count < 100 && process.isRunning { usleep(5_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let done = images().count
        #expect(done >= 100 && done < total, "\(done) images when killed")
        // What a killed writer leaves, beside files the next run must not touch: another live process's write in
        // progress, and a file that is not one of the batch's.
        let dead = process.processIdentifier
        let stray = "\(out)/18223-1999.png.tmp-\(dead)-12345"
        let live = "\(out)/18223-1998.png.tmp-\(getpid())-1"
        let foreign = "\(out)/notes.txt.tmp-\(dead)-1"
        for file in [stray, live, foreign] { try Data("half a PNG".utf8).write(to: URL(fileURLWithPath: file)) }
        let kept = try identities(out)
        let finish = try ToolRunner.run(["household", "batch", csv, "--out-dir", out, "--skip-existing"] + signing)
        #expect(finish.status == 0, "\(finish.stderr.suffix(500))")
        #expect(finish.stderr.contains("note: removed "))
        #expect(finish.stderr.contains("\(total - kept.count) of \(total) households issued"))
        let after = try identities(out)
        #expect(after.count == total)
        for (name, identity) in kept { #expect(after[name] == identity, "\(name) was written again") }
        let left = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.contains(".tmp-") }.sorted()
        #expect(
            left
                == [URL(fileURLWithPath: live).lastPathComponent, URL(fileURLWithPath: foreign).lastPathComponent]
                .sorted())
        #expect(try Printout.scanImage("\(out)/18223-1999.png").first?.hasPrefix("0002P1") == true)
    }

    /// Each PNG in `folder` with its inode and modification time: what changes if a file is written again.
    func identities(_ folder: String) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".png") {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(folder)/\(name)")
            out[name] = ["\(attributes[.systemFileNumber] ?? "")", "\(attributes[.modificationDate] ?? "")"]
        }
        return out
    }
}
