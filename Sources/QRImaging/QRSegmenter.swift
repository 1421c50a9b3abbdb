/// Splits data into numeric, alphanumeric and byte segments so that the bit stream is as short as possible.
///
/// libqrencode's own splitter is not public, and its string entry points either upper-case the text (breaking
/// case-sensitive payloads such as a VietQR CRC) or add the Kanji hint (which corrupts UTF-8). This splitter works
/// on bytes and is optimal for one version class: a dynamic program over the three modes, costs kept in sixths
/// of a bit, the method of Project Nayuki's QR generator.
///
/// Grammar of the bit stream it plans for (ISO/IEC 18004, 7.4):
///
///     stream  = [eci] segment*
///     eci     = "0111" designator(8)
///     segment = mode(4) count(cc bits: depends on mode and version class) data
enum QRSegmenter {
    enum Mode: Int, CaseIterable {
        case byte = 0
        case alphanumeric = 1
        case numeric = 2
    }

    struct Segment: Equatable {
        var mode: Mode
        var range: Range<Int>
    }

    /// The three version classes that share character-count widths: 1–9, 10–26, 27–40.
    static let versionClasses: [ClosedRange<Int>] = [1...9, 10...26, 27...40]

    /// Data codewords of the largest version in each class (9, 26, 40), by level L, M, Q, H (ISO/IEC 18004, table 7).
    static let classCapacityBytes: [[Int]] = [
        [232, 182, 132, 100], [1370, 1062, 754, 596], [2956, 2334, 1666, 1276],
    ]

    /// Whether a stream of `bits` fits the largest version of `versionClass` at `level`.
    static func fits(bits: Int, versionClass: Int, level: ErrorCorrection) -> Bool {
        let column = ErrorCorrection.allCases.firstIndex(of: level)!
        return bits <= classCapacityBytes[versionClass][column] * 8
    }

    /// Character-count bits for `mode` in version class `versionClass` (0, 1 or 2).
    static func countBits(_ mode: Mode, versionClass: Int) -> Int {
        switch mode {
        case .numeric: return [10, 12, 14][versionClass]
        case .alphanumeric: return [9, 11, 13][versionClass]
        case .byte: return [8, 16, 16][versionClass]
        }
    }

    /// Whether `byte` is in the QR alphanumeric set `0-9 A-Z space $ % * + - . / :`.
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return true
        case UInt8(ascii: " "), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"):
            return true
        default: return false
        }
    }

    static func isNumeric(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The segments with the fewest bits for `data` in `versionClass`.
    static func segments(_ data: some Collection<UInt8>, versionClass: Int) -> [Segment] {
        let bytes = Array(data)
        let count = bytes.count
        if count == 0 { return [] }
        let modes = Mode.allCases
        let headCosts = modes.map { (4 + countBits($0, versionClass: versionClass)) * 6 }
        // chosen[i * 3 + m]: the mode of byte i when the state after byte i is m; -1 when impossible.
        var chosen = [Int8](repeating: -1, count: count * 3)
        var previous = headCosts
        var current = [Int](repeating: 0, count: 3)
        for i in 0..<count {
            let byte = bytes[i]
            current[0] = previous[0] + 48
            chosen[i * 3] = 0
            if isAlphanumeric(byte) {
                current[1] = previous[1] + 33
                chosen[i * 3 + 1] = 1
            }
            if isNumeric(byte) {
                current[2] = previous[2] + 20
                chosen[i * 3 + 2] = 2
            }
            // Close the segment after this byte and open another in mode `to`.
            let extended = current
            let valid = [true, chosen[i * 3 + 1] >= 0, chosen[i * 3 + 2] >= 0]
            for to in 0..<3 {
                for from in 0..<3 where valid[from] {
                    let cost = (extended[from] + 5) / 6 * 6 + headCosts[to]
                    if chosen[i * 3 + to] < 0 || cost < current[to] {
                        current[to] = cost
                        chosen[i * 3 + to] = Int8(from)
                    }
                }
            }
            previous = current
        }
        var state = 0
        for m in 1..<3 where chosen[(count - 1) * 3 + m] >= 0 && previous[m] < previous[state] { state = m }
        var perByte = [Int8](repeating: 0, count: count)
        for i in stride(from: count - 1, through: 0, by: -1) {
            state = Int(chosen[i * 3 + state])
            perByte[i] = Int8(state)
        }
        var result: [Segment] = []
        var start = 0
        for i in 1...count where i == count || perByte[i] != perByte[start] {
            result.append(Segment(mode: Mode(rawValue: Int(perByte[start]))!, range: start..<i))
            start = i
        }
        return result
    }

    /// The exact number of bits `segments` take in `versionClass`, without an ECI header.
    static func bitCount(_ segments: [Segment], versionClass: Int) -> Int {
        segments.reduce(0) { total, segment in
            let n = segment.range.count
            let data: Int
            switch segment.mode {
            case .numeric: data = n / 3 * 10 + [0, 4, 7][n % 3]
            case .alphanumeric: data = n / 2 * 11 + (n % 2) * 6
            case .byte: data = n * 8
            }
            return total + 4 + countBits(segment.mode, versionClass: versionClass) + data
        }
    }
}
