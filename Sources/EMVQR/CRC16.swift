// CRC-16/CCITT-FALSE, the checksum in tag 63 of every EMVCo Merchant-Presented Mode payload.
//
//     width=16 poly=0x1021 init=0xFFFF refin=false refout=false xorout=0x0000 check=0x29B1
//
// The checksum covers every byte of the payload up to and including the "6304" that opens tag 63.

import EMVQRKernel

/// A running CRC-16/CCITT-FALSE checksum.
///
/// Feed bytes in one call or in chunks; the result is the same:
///
/// ```swift
/// var crc = CRC16()
/// crc.update("1234".utf8)
/// crc.update("56789".utf8)
/// assert(crc.value == 0x29B1)
/// assert(CRC16.checksum("123456789".utf8) == 0x29B1)
/// ```
///
/// From 64 bytes up (`foldingThreshold`), on a CPU with carry-less multiplication (PCLMULQDQ on x86-64, PMULL on
/// arm64), a small C kernel folds the message 16 bytes at a time, four lanes in parallel, into a 16-byte remainder.
/// Everything else, and that remainder, goes through the portable path: table-driven slicing-by-16, in Swift. The
/// fourteen table look-ups of a 16-byte block that do not depend on the running register are done one block ahead,
/// so the loop-carried chain is two look-ups and two XORs. The last 0–15 bytes go in one step of as many look-ups,
/// of which only the first two wait for the register. Both paths give the same value for every input.
public struct CRC16: Sendable, Hashable {
    /// The register as it stands after the bytes fed so far.
    public private(set) var value: UInt16

    /// The initial register value, 0xFFFF.
    public static let initialValue: UInt16 = 0xFFFF

    /// Starts a checksum at the CCITT-FALSE initial value, 0xFFFF.
    public init() {
        self.value = Self.initialValue
    }

    /// Resumes a checksum from a register value, for example one returned by an earlier ``value``.
    public init(resumingFrom value: UInt16) {
        self.value = value
    }

    /// Feeds bytes into the checksum.
    ///
    /// - Parameter bytes: The next bytes of the message.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            self.value = CRC16.update(self.value, UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { self.value = CRC16.update(self.value, $0) }
        }
    }

    /// Feeds the bytes of a raw buffer into the checksum.
    ///
    /// - Parameter buffer: The next bytes of the message.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        self.value = CRC16.update(self.value, buffer)
    }

    /// Computes the checksum of a whole message.
    ///
    /// - Parameter bytes: The message.
    /// - Returns: The CRC-16/CCITT-FALSE of `bytes`.
    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt16 where Bytes.Element == UInt8 {
        var crc = CRC16()
        crc.update(bytes)
        return crc.value
    }

    /// Tells whether `hexDigits` (four hexadecimal digits, either case) state the checksum of `bytes`.
    ///
    /// - Parameters:
    ///   - hexDigits: The checksum as it is written in tag 63.
    ///   - bytes: The bytes it covers.
    /// - Returns: `true` when the digits are four hexadecimal digits equal to the checksum.
    public static func verify<Digits: Collection, Bytes: Sequence>(
        _ hexDigits: Digits,
        covering bytes: Bytes
    ) -> Bool where Digits.Element == UInt8, Bytes.Element == UInt8 {
        guard let stated = hexValue(ofDigits: hexDigits)?.value else { return false }
        return stated == checksum(bytes)
    }

    /// The checksum as tag 63 writes it: four uppercase hexadecimal digits, zero-padded.
    public var hexDigits: [UInt8] {
        Self.hexDigits(self.value)
    }

    /// Writes `value` as four uppercase hexadecimal digits, zero-padded (`0x0C02` is `"0C02"`, never `"C02"`).
    ///
    /// - Parameter value: A checksum.
    /// - Returns: Four ASCII bytes.
    public static func hexDigits(_ value: UInt16) -> [UInt8] {
        [hexDigit(value >> 12), hexDigit(value >> 8), hexDigit(value >> 4), hexDigit(value)]
    }

    /// Writes `value` as a four-digit uppercase hexadecimal string.
    ///
    /// - Parameter value: A checksum.
    /// - Returns: For example `"0C02"`.
    public static func hexString(_ value: UInt16) -> String {
        String(decoding: hexDigits(value), as: UTF8.self)
    }

    @inline(__always)
    static func hexDigit(_ nibble: UInt16) -> UInt8 {
        let n = UInt8(truncatingIfNeeded: nibble & 0xF)
        return n < 10 ? 0x30 + n : 0x41 + n - 10
    }

    /// Reads four hexadecimal digits, either case, from a collection: the word reading below, or `nil` when there
    /// are not exactly four bytes.
    static func hexValue<Digits: Collection>(
        ofDigits digits: Digits
    ) -> (value: UInt16, lowercase: Bool)? where Digits.Element == UInt8 {
        guard digits.count == 4 else { return nil }
        var word: UInt32 = 0
        for (place, byte) in digits.enumerated() { word |= UInt32(byte) &<< (8 &* UInt32(place)) }
        return hexValue(ofDigits: word)
    }

    /// Reads four hexadecimal digits at once, either case, loaded as a little-endian word (the first digit in the low
    /// byte): their value and whether any of them is lowercase, or `nil` when a byte is not a hexadecimal digit.
    ///
    /// Branch-free on the bytes: for a byte `b` below 0x80, `b + (0x80 - c)` has its top bit set exactly when
    /// `b >= c`, and never carries into the next byte, so each range test covers the four bytes in one addition.
    @inline(__always)
    static func hexValue(ofDigits x: UInt32) -> (value: UInt16, lowercase: Bool)? {
        let top: UInt32 = 0x8080_8080
        guard x & top == 0 else { return nil }
        @inline(__always) func atLeast(_ v: UInt32, _ c: UInt32) -> UInt32 {
            (v &+ (0x80 &- c) &* 0x0101_0101) & top
        }
        let digit = atLeast(x, 0x30) & ~atLeast(x, 0x3A)
        let folded = x | 0x2020_2020  // 'A'...'F' become 'a'...'f'
        let letter = atLeast(folded, 0x61) & ~atLeast(folded, 0x67)
        guard digit | letter == top else { return nil }
        // A digit's low nibble is its value; a letter's low nibble is 1...6, and 9 more makes 10...15.
        let n = (x & 0x0F0F_0F0F) &+ (letter >> 7) &* 9
        let value = (n & 0xFF) << 12 | (n >> 8 & 0xFF) << 8 | (n >> 16 & 0xFF) << 4 | n >> 24
        return (UInt16(truncatingIfNeeded: value), atLeast(x, 0x61) != 0)
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte &- 0x30
        case 0x41...0x46: return byte &- 0x41 &+ 10
        case 0x61...0x66: return byte &- 0x61 &+ 10
        default: return nil
        }
    }
}

extension CRC16 {
    /// Runs the register over `buffer`. This is the hot loop.
    static func update(_ crc: UInt16, _ buffer: UnsafeRawBufferPointer) -> UInt16 {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return crc }
        return update(crc, base.assumingMemoryBound(to: UInt8.self), buffer.count)
    }

    /// The shortest message the folding kernel takes; below it, slicing-by-16 alone is as fast.
    static let foldingThreshold = 64

    /// Whether this CPU runs the C folding kernel (`emvqr_crc16_fold_available`), asked once.
    static var hasFoldingKernel: Bool { CRC16Tables.kernel.folds }

    /// The register after `count` bytes: the folding kernel where the CPU has it and the message is long enough,
    /// the portable path otherwise. What both read is made once, and fetched once a call.
    @inline(__always)
    static func update(_ crc: UInt16, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt16 {
        let kernel = CRC16Tables.kernel
        return count >= foldingThreshold && kernel.folds
            ? folded(crc, bytes, count, tables: kernel.tables) : portable(crc, bytes, count, tables: kernel.tables)
    }

    /// The register after `count` bytes (at least 16) through the C folding kernel, which the CPU must have: whole
    /// blocks folded in C, then the 16-byte remainder and the last 0–15 bytes through the portable path.
    ///
    /// The corresponding C function is `emvqr_crc16_fold`.
    static func folded(
        _ crc: UInt16, _ bytes: UnsafePointer<UInt8>, _ count: Int,
        tables t: UnsafePointer<UInt16> = CRC16Tables.shared
    ) -> UInt16 {
        var remainder: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &remainder) { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let done = emvqr_crc16_fold(crc, bytes, count, base)
            return portable(portable(0, base, 16, tables: t), bytes + done, count &- done, tables: t)
        }
    }

    /// Slicing-by-16 with the CRC-independent look-ups of each block done one block ahead.
    static func portable(
        _ crc: UInt16, _ bytes: UnsafePointer<UInt8>, _ count: Int,
        tables t: UnsafePointer<UInt16> = CRC16Tables.shared
    ) -> UInt16 {
        var c = UInt32(crc)
        var p = bytes
        var n = count

        @inline(__always)
        func rest(_ q: UnsafePointer<UInt8>) -> UInt32 {
            let a = UInt32(t[13 &* 256 &+ Int(q[2])]) ^ UInt32(t[12 &* 256 &+ Int(q[3])])
            let b = UInt32(t[11 &* 256 &+ Int(q[4])]) ^ UInt32(t[10 &* 256 &+ Int(q[5])])
            let d = UInt32(t[9 &* 256 &+ Int(q[6])]) ^ UInt32(t[8 &* 256 &+ Int(q[7])])
            let e = UInt32(t[7 &* 256 &+ Int(q[8])]) ^ UInt32(t[6 &* 256 &+ Int(q[9])])
            let f = UInt32(t[5 &* 256 &+ Int(q[10])]) ^ UInt32(t[4 &* 256 &+ Int(q[11])])
            let g = UInt32(t[3 &* 256 &+ Int(q[12])]) ^ UInt32(t[2 &* 256 &+ Int(q[13])])
            let h = UInt32(t[1 &* 256 &+ Int(q[14])]) ^ UInt32(t[Int(q[15])])
            return ((a ^ b) ^ (d ^ e)) ^ ((f ^ g) ^ h)
        }

        if n >= 16 {
            var r = rest(p)
            while n >= 32 {
                let b0 = UInt32(p[0])
                let b1 = UInt32(p[1])
                p += 16
                n &-= 16
                let next = rest(p)
                c = r ^ UInt32(t[15 &* 256 &+ Int(b0 ^ (c >> 8))]) ^ UInt32(t[14 &* 256 &+ Int(b1 ^ (c & 0xFF))])
                r = next
            }
            c =
                r ^ UInt32(t[15 &* 256 &+ Int(UInt32(p[0]) ^ (c >> 8))])
                ^ UInt32(t[14 &* 256 &+ Int(UInt32(p[1]) ^ (c & 0xFF))])
            p += 16
            n &-= 16
        }
        // The last 0–15 bytes in one step: the register only reaches the first two of them, so the look-ups for the
        // rest do not wait for it, and the chain is two look-ups long whatever the length.
        if n >= 2 {
            var x =
                UInt32(t[(n &- 1) &* 256 &+ Int(UInt32(p[0]) ^ (c >> 8))])
                ^ UInt32(t[(n &- 2) &* 256 &+ Int(UInt32(p[1]) ^ (c & 0xFF))])
            var j = 2
            while j < n {
                x ^= UInt32(t[(n &- 1 &- j) &* 256 &+ Int(p[j])])
                j &+= 1
            }
            c = x
        } else if n == 1 {
            c = ((c << 8) & 0xFFFF) ^ UInt32(t[Int((c >> 8) ^ UInt32(p.pointee))])
        }
        return UInt16(truncatingIfNeeded: c)
    }
}

/// The sixteen 256-entry tables of slicing-by-16: `T[k][b] = b(x) · x^(16+8k) mod P`.
enum CRC16Tables {
    static let polynomial: UInt16 = 0x1021

    /// The tables, and whether this CPU runs the folding kernel: what every checksum reads, made together so that a
    /// checksum asks once whether they are made.
    nonisolated(unsafe) static let kernel: (tables: UnsafePointer<UInt16>, folds: Bool) = (
        make(), emvqr_crc16_fold_available() != 0
    )

    /// The tables.
    static var shared: UnsafePointer<UInt16> { kernel.tables }

    /// Built once, never freed and never written after: 8 KiB that every checksum reads.
    private static func make() -> UnsafePointer<UInt16> {
        let t = UnsafeMutablePointer<UInt16>.allocate(capacity: 16 * 256)
        for b in 0..<256 {
            var c = UInt16(b) << 8
            for _ in 0..<8 {
                c = (c & 0x8000) != 0 ? (c << 1) ^ polynomial : c << 1
            }
            t[b] = c
        }
        for k in 1..<16 {
            for b in 0..<256 {
                let v = t[(k - 1) * 256 + b]
                t[k * 256 + b] = (v << 8) ^ t[Int(v >> 8)]
            }
        }
        return UnsafePointer(t)
    }
}
