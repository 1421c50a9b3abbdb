import Foundation

/// Standard error, for reports beside a command's output.
enum Stderr {
    /// Writes `text` and a newline.
    static func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
