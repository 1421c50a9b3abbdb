// Stand-in for the payload analysis the core module provides; replaced when the branches merge.
enum PayloadReport {
    /// The analysis of `bytes` as a JSON object text.
    static func json(for bytes: [UInt8]) -> String { "{}" }
    /// The analysis of `bytes` as human text, one or more lines, or empty.
    static func text(for bytes: [UInt8]) -> String { "" }
}
