import Glibc

/// Standard error, for reports beside a command's output and for the progress bar.
enum Stderr {
    /// Writes `text` and a newline.
    static func line(_ text: String) {
        write(text + "\n")
    }

    /// Writes `text` as it is: unbuffered, and whole even when a write is interrupted.
    static func write(_ text: String) {
        writeAll(Array(text.utf8), to: STDERR_FILENO)
    }
}

/// Writes all of `bytes` to `descriptor`, again after an interrupted write; stops at the first failure.
private func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + done, $0.count - done) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return }
        done += n
    }
}

/// Standard output, for results only: each is written and flushed at once, so that a program reading a pipe sees
/// every result as soon as it is known.
enum Stdout {
    /// Writes `text` and a newline, and flushes.
    static func line(_ text: String) {
        write(text + "\n")
    }

    /// Writes `text` as it is, and flushes.
    static func write(_ text: String) {
        print(text, terminator: "")
        fflush(nil)
    }

    /// Writes `bytes` exactly as they are, after any text already written.
    static func write(_ bytes: [UInt8]) {
        fflush(nil)
        writeAll(bytes, to: STDOUT_FILENO)
    }
}

/// Standard input as lines of bytes, without their line ends (LF or CRLF), each given as soon as it has arrived; a
/// final empty line is not a line.
struct StandardInputLines: Sequence, IteratorProtocol {
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false

    mutating func next() -> [UInt8]? {
        while true {
            if let end = buffer[start...].firstIndex(of: 0x0A) {
                defer { start = end + 1 }
                return Self.trimmingCR(buffer[start..<end])
            }
            if ended {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return Self.trimmingCR(buffer[start...])
            }
            buffer.removeFirst(start)
            start = 0
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { ended = true } else { buffer += chunk[..<n] }
        }
    }

    private static func trimmingCR(_ line: ArraySlice<UInt8>) -> [UInt8] {
        Array(line.last == 0x0D ? line.dropLast() : line)
    }
}
