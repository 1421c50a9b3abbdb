import Foundation
import TestSupport
import Testing

/// Runs the built `villageqr` for `render` and `scan` and checks output, files and exit status.
@Suite struct ImagingCommandTests {
    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "villageqr-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(arguments: ["png", "svg"])
    func renderWritesAndRefusesToClobber(_ ext: String) throws {
        let directory = try temporaryDirectory()
        let path = "\(directory)/code.\(ext)"
        #expect(try ToolRunner.run(["render", "Xin chào", "-o", path]).status == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        let again = try ToolRunner.run(["render", "other", "-o", path])
        #expect(again.status == 73)
        #expect(again.stderr.contains("fileExists"))
        // The library says the file is kept; the advice to pass --force is the command's own.
        #expect(again.stderr.contains("\(path) exists and is kept as it is; pass --force to overwrite it"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first)
        #expect(try ToolRunner.run(["render", "other", "-o", path, "--force"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) != first)
    }

    /// A file that cannot be read or written: exit 74, and the error's code and path.
    @Test func missingFilesAreNamed() throws {
        let directory = try temporaryDirectory()
        let missing = "\(directory)/no-such-folder/code.png"
        let render = try ToolRunner.run(["render", "x", "-o", missing])
        #expect(render.status == 74)
        #expect(render.stderr.contains("notFound"))
        #expect(render.stderr.contains(missing))
        #expect(!render.stderr.contains("--force"))
        let scan = try ToolRunner.run(["scan", "--json", "\(directory)/gone.jpg"])
        #expect(scan.status == 1)
        #expect(scan.stdout.contains("\"outcome\":\"error\""))
        #expect(scan.stdout.contains("\"code\":\"notFound\""))
        #expect(scan.stdout.contains("\(directory)/gone.jpg"))
        let folder = try ToolRunner.run(["scan", directory])
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("notAFile"))
    }

    @Test func renderThenScanJSON() throws {
        let directory = try temporaryDirectory()
        let text = "Thanh toán 50.000đ"
        #expect(try ToolRunner.run(["render", text, "-o", "\(directory)/a.png", "--scale", "4"]).status == 0)
        let bytes = Data([0x00, 0xFF, 0x10, 0x80, 0x7F])
        #expect(try ToolRunner.run(["render", "-", "-o", "\(directory)/b.png"], stdin: bytes).status == 0)
        let run = try ToolRunner.run(["scan", "--json", "\(directory)/a.png", "\(directory)/b.png"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let first = objects[0]["codes"] as! [[String: Any]]
        #expect(first.first?["text"] as? String == text)
        #expect((first.first?["corners"] as? [[Int]])?.count == 4)
        #expect(first.first?["decoded"] is [String: Any])
        #expect(objects[0]["error"] is NSNull)
        let second = objects[1]["codes"] as! [[String: Any]]
        #expect(second.first?["text"] is NSNull)
        #expect(Data(base64Encoded: second.first?["bytesBase64"] as? String ?? "") == bytes)
    }

    @Test func scanExitStatus() throws {
        let directory = try temporaryDirectory()
        let good = "\(directory)/good.png"
        #expect(try ToolRunner.run(["render", "ok", "-o", good]).status == 0)
        let notImage = "\(directory)/text.png"
        try Data("plain text".utf8).write(to: URL(fileURLWithPath: notImage))
        let mixed = try ToolRunner.run(["scan", "--json", good, notImage])
        #expect(mixed.status == 1)
        let error = try JSONSerialization.jsonObject(with: Data(mixed.stdout.split(separator: "\n")[1].utf8))
        #expect(((error as? [String: Any])?["error"] as? [String: Any])?["code"] as? String == "unknownFormat")
        let human = try ToolRunner.run(["scan", good])
        #expect(human.status == 0)
        #expect(human.stdout.contains("[1] ok"))
        #expect(try ToolRunner.run(["scan"]).status == 64)
        #expect(try ToolRunner.run(["render", "x"]).status == 64)
        #expect(try ToolRunner.run(["render", "x", "-o", "\(directory)/x.gif"]).status == 64)
    }

    /// An image stopped by `--timeout` is reported as `timeLimit`, and the next image is still scanned.
    @Test func scanTimeLimitThenNextImage() throws {
        let directory = try temporaryDirectory()
        let good = "\(directory)/good.png"
        #expect(try ToolRunner.run(["render", "after the limit", "-o", good]).status == 0)
        let glare = Repository.path("Fixtures/scan-budget/scan-hang-glare.jpg").path
        let run = try ToolRunner.run(["scan", "--json", "--timeout", "0.001", glare, good])
        #expect(run.status == 1)
        let objects = try run.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(objects.count == 2)
        #expect(objects.first?["outcome"] as? String == "timeLimit")
        #expect((objects.first?["error"] as? [String: Any])?["code"] as? String == "timeLimit")
        // The second scan has its own budget; a clean render reads well within a millisecond's worth of checks.
        let human = try ToolRunner.run(["scan", "--timeout", "0.001", glare])
        // An image that gave no code is reported on standard error, not among the results.
        #expect(human.stderr.contains("time limit"))
        #expect(human.stdout.isEmpty)
        let next = try ToolRunner.run(["scan", "--json", glare, good])
        let lines = try next.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(lines.last?["outcome"] as? String == "codes")
        let code = (lines.last?["codes"] as? [[String: Any]])?.first
        #expect(code?["text"] as? String == "after the limit")
        #expect(code?["encoding"] as? String == "UTF-8")
        #expect(code?["structuredAppend"] is NSNull)
        #expect(try ToolRunner.run(["scan", "--timeout", "0", good]).status == 64)
    }

    /// A complete structured-append group gives each part's index and the group's size; an incomplete one gives none.
    @Test func scanStructuredAppendParts() throws {
        let folder = "Tests/QRImagingTests/Fixtures/structured-append/"
        let complete = Repository.path(folder + "parts-1-2-3-4.png").path
        let partial = Repository.path(folder + "parts-1-3.png").path
        let run = try ToolRunner.run(["scan", "--json", complete, partial])
        #expect(run.status == 0)
        let groups = try run.stdout.split(separator: "\n").map {
            let line = try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            return ((line["codes"] as? [[String: Any]])?.first?["structuredAppend"] as? [String: Any]) ?? [:]
        }
        #expect(groups.count == 2)
        let parts = groups.first?["parts"] as? [[String: Int]]
        #expect(parts == (1...4).map { ["index": $0, "count": 4] })
        #expect(groups.first?["complete"] as? Bool == true)
        #expect(groups.last?["complete"] as? Bool == false)
        #expect(groups.last?["partsFound"] as? Int == 2)
        #expect(groups.last?["parts"] is NSNull)
    }

    @Test func terminalOutput() throws {
        let run = try ToolRunner.run(["render", "hi", "--terminal"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\u{2588}"))
    }
}
