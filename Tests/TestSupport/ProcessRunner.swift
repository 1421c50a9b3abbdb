package import Foundation
import Synchronization

/// What a finished child process left: its exit status and everything it wrote.
package struct ProcessOutput: Sendable {
    /// The exit status, or the signal number for a child killed by a signal.
    package var status: Int32
    /// Standard output, as written.
    package var stdout: Data
    /// Standard error, as written.
    package var stderr: Data

    /// Standard output as UTF-8 text.
    package var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error as UTF-8 text.
    package var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs `executable` with `arguments` to completion, feeding it `stdin` (or an empty standard input).
///
/// Standard output, standard error and standard input are each served on their own thread, so a child that fills one
/// pipe while the test is busy with another cannot deadlock, however much it writes.
///
/// - Parameters:
///   - executable: The program; a bare name is looked up on `PATH` through `/usr/bin/env`.
///   - arguments: Its arguments.
///   - stdin: What it reads on standard input.
///   - environment: Variables to set on top of this process's environment.
/// - Returns: Its exit status, standard output and standard error.
package func runProcess(
    _ executable: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]
) throws -> ProcessOutput {
    let process = Process()
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    if executable.contains("/") {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
    } else {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
    }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()

    let group = DispatchGroup()
    let collectedErr = Collected()
    let errHandle = err.fileHandleForReading
    DispatchQueue.global().async(group: group) {
        collectedErr.set(errHandle.readDataToEndOfFile())
    }
    let inHandle = input.fileHandleForWriting
    DispatchQueue.global().async(group: group) {
        if let stdin { inHandle.write(stdin) }
        try? inHandle.close()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessOutput(status: process.terminationStatus, stdout: outData, stderr: collectedErr.get())
}

/// Bytes read on one thread and handed to another.
private final class Collected: Sendable {
    private let data = Mutex(Data())

    func set(_ value: Data) { data.withLock { $0 = value } }
    func get() -> Data { data.withLock { $0 } }
}
