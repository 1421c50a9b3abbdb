import Foundation
import TestSupport
import Testing

/// The tests' process runner serves every pipe at once, so a chatty child cannot deadlock a test.
@Suite("test support: running a program")
struct ProcessRunnerTests {
    @Test(
        "a child writing 1 MiB to standard error before any standard output finishes, nothing lost",
        .timeLimit(.minutes(5)))
    func largeStandardError() throws {
        // Far past a pipe's 64 KiB buffer: a runner reading standard output to its end first waits forever here.
        let script = "head -c 1048576 /dev/zero | tr '\\0' e >&2; head -c 1048576 /dev/zero | tr '\\0' o"
        let output = try runProcess("sh", ["-c", script])
        #expect(output.status == 0)
        #expect(output.stderr.count == 1 << 20)
        #expect(output.stderr.allSatisfy { $0 == UInt8(ascii: "e") })
        #expect(output.stdout.count == 1 << 20)
        #expect(output.stdout.allSatisfy { $0 == UInt8(ascii: "o") })
    }

    @Test("1 MiB in on standard input comes back whole on standard output", .timeLimit(.minutes(5)))
    func largeStandardInput() throws {
        let input = Data((0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 % 251) })
        let output = try runProcess("cat", [], stdin: input)
        #expect(output.status == 0)
        #expect(output.stdout == input)
    }

    @Test("the exit status and standard error of a failing child come through")
    func failure() throws {
        let output = try runProcess("sh", ["-c", "echo refused >&2; exit 65"])
        #expect(output.status == 65)
        #expect(output.stderrText == "refused\n")
        #expect(output.stdout.isEmpty)
    }
}
