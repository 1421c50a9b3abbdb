/// Where a field sits in a payload: its tag, and the tags of the templates around it.
///
/// A path is written with dots, outermost first: `62.08` is the purpose of transaction inside the additional data
/// template, `38.01.00` the acquirer BIN inside VietQR's beneficiary organisation. The empty path stands for the
/// payload as a whole.
public struct TagPath: Sendable, Hashable, CustomStringConvertible, Comparable {
    // Up to eight two-digit tags packed one per byte, outermost in the highest used byte.
    private var packed: UInt64
    /// The number of tags in the path.
    public private(set) var count: Int

    /// The path of the payload itself.
    public static let root = TagPath()

    /// The empty path.
    public init() {
        self.packed = 0
        self.count = 0
    }

    /// A path from its tags, outermost first.
    ///
    /// - Parameter tags: Tags from 0 to 99; at most eight of them.
    public init(_ tags: Int...) {
        self.init()
        for tag in tags { self = self.appending(tag) }
    }

    /// Reads a dotted path such as `"62.08"`.
    ///
    /// - Parameter description: Two-digit tags separated by dots; `""` is the root.
    public init?(_ description: String) {
        self.init()
        if description.isEmpty { return }
        for part in description.split(separator: ".", omittingEmptySubsequences: false) {
            let digits = Array(part.utf8)
            guard digits.count == 2, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), count < 8 else { return nil }
            self = self.appending(Int(digits[0] - 0x30) * 10 + Int(digits[1] - 0x30))
        }
    }

    /// The tags, outermost first.
    public var tags: [Int] {
        (0..<count).map { self[$0] }
    }

    /// The tag at `level`, 0 being the outermost.
    public subscript(level: Int) -> Int {
        precondition(level >= 0 && level < count, "TagPath level out of range")
        return Int(truncatingIfNeeded: (packed >> UInt64(8 * (count - 1 - level))) & 0xFF)
    }

    /// The innermost tag, or `nil` for the root.
    public var last: Int? {
        count == 0 ? nil : Int(truncatingIfNeeded: packed & 0xFF)
    }

    /// The path of the enclosing template; the root's parent is the root.
    public var parent: TagPath {
        guard count > 0 else { return self }
        var p = self
        p.packed >>= 8
        p.count -= 1
        return p
    }

    /// This path with one more tag inside it.
    ///
    /// - Parameter tag: A tag from 0 to 99.
    /// - Returns: The longer path.
    public func appending(_ tag: Int) -> TagPath {
        precondition(tag >= 0 && tag <= 99, "EMV tags run from 00 to 99")
        precondition(count < 8, "TagPath holds at most eight levels")
        var p = self
        p.packed = (packed << 8) | UInt64(tag)
        p.count += 1
        return p
    }

    @inline(__always)
    init(packed: UInt64, count: Int) {
        self.packed = packed
        self.count = count
    }

    /// The dotted form, for example `62.08`; the root is the empty string.
    public var description: String {
        var out: [UInt8] = []
        out.reserveCapacity(count * 3)
        for level in 0..<count {
            if level > 0 { out.append(0x2E) }
            let tag = self[level]
            out.append(0x30 + UInt8(tag / 10))
            out.append(0x30 + UInt8(tag % 10))
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func < (lhs: TagPath, rhs: TagPath) -> Bool {
        lhs.tags.lexicographicallyPrecedes(rhs.tags)
    }
}

extension TagPath: ExpressibleByStringLiteral {
    /// A path written as a literal, for example `"62.08"`.
    public init(stringLiteral value: String) {
        guard let path = TagPath(value) else { preconditionFailure("not a tag path: \(value)") }
        self = path
    }
}
