import Foundation
import Synchronization
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

    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        let output = try runProcess(executable.path, arguments, stdin: stdin, environment: environment)
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

/// The built `villageqr` running with standard output to a pipe that is read as it comes, and standard input kept
/// open until ``closeInput()``: what a program reading its stream (`jq`, a till) sees, and when.
final class StreamingRun: Sendable {
    private let process: Process
    private let input: FileHandle
    private let received = Received()

    private final class Received: Sendable {
        let bytes = Mutex<[UInt8]>([])
        let ended = Mutex(false)
    }

    init(_ arguments: [String]) throws {
        process = Process()
        process.executableURL = ToolRunner.executable
        process.arguments = arguments
        let out = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = inputPipe
        input = inputPipe.fileHandleForWriting
        try process.run()
        let reading = out.fileHandleForReading
        let received = received
        Thread.detachNewThread {
            while true {
                let chunk = reading.availableData
                if chunk.isEmpty { break }
                received.bytes.withLock { $0 += chunk }
            }
            received.ended.withLock { $0 = true }
        }
    }

    /// Writes `text` to the command's standard input.
    func send(_ text: String) throws {
        try input.write(contentsOf: Data(text.utf8))
    }

    func closeInput() throws {
        try input.close()
    }

    /// Whether the command is still running.
    var isRunning: Bool { process.isRunning }

    /// The first `count` complete lines of standard output, once they have arrived; `nil` when they have not
    /// arrived within `seconds`.
    func lines(_ count: Int, within seconds: Double) -> [String]? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let lines = received.bytes.withLock { bytes in
                bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map {
                    String(decoding: $0, as: UTF8.self)
                }
            }
            if lines.count >= count { return Array(lines.prefix(count)) }
            if received.ended.withLock({ $0 }) { return nil }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return nil
    }

    /// Waits for the command to end and returns its exit status.
    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }
}
