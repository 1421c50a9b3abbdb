import Foundation
import TestSupport

/// Runs the built `villageqr` as a user would, and captures what it prints.
struct ToolRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = binary.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("villageqr")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "villageqr")
    }

    static func run(_ arguments: [String], stdin: Data? = nil) throws -> Result {
        let output = try runProcess(executable.path, arguments, stdin: stdin)
        return Result(status: output.status, stdout: output.stdoutText, stderr: output.stderrText)
    }

    /// Runs another program, keeping its raw standard output.
    static func runProgram(
        _ executable: String, _ arguments: [String]
    ) throws -> (status: Int32, data: Data, stdout: String) {
        let output = try runProcess(executable, arguments)
        return (output.status, output.stdout, output.stdoutText)
    }
}

/// Runs `body` with a new, empty folder, and removes the folder and what `body` left in it afterwards.
func withScratchFolder<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("villageqr-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}
