import Foundation
import TestSupport

/// Runs a program to completion and returns its exit status, standard output and standard error.
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, out: [UInt8], err: String) {
    let output = try runProcess(executable, arguments)
    return (output.status, Array(output.stdout), output.stderrText)
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("provenance-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
