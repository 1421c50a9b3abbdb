import TestSupport
import Testing

@testable import EMVQR

/// The C folding kernel and the portable slicing-by-16 path give the same checksum for every input: random lengths
/// from 0 to 4,096 bytes, at every offset from a 16-byte boundary, from random registers.
@Suite("CRC-16 paths agree")
struct CRC16KernelTests {
    /// The definition, one bit at a time.
    static func bitwise(_ crc: UInt16, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt16 {
        var c = crc
        for byte in bytes {
            c ^= UInt16(byte) << 8
            for _ in 0..<8 { c = c & 0x8000 != 0 ? (c << 1) ^ 0x1021 : c << 1 }
        }
        return c
    }

    @Test("This machine's CPU is asked once, and x86-64 and arm64 builds have the kernel")
    func dispatch() {
        #if arch(x86_64)
            // Every x86-64 CPU these tests run on has had PCLMULQDQ since 2010; a false here means the CPUID check
            // is wrong, not that the CPU lacks it.
            #expect(CRC16.hasFoldingKernel)
        #endif
        #expect(CRC16.foldingThreshold >= 16)
    }

    @Test("Kernel, portable path and the bitwise definition agree on random lengths 0–4,096 at every offset")
    func everyPathAgrees() {
        var rng = SeededGenerator(state: 0x5EED)
        let storage = (0..<(4096 + 64)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var lengths = Array(0...300)
        lengths += (0..<200).map { _ in Int.random(in: 301...4096, using: &rng) }
        lengths.append(4096)
        storage.withUnsafeBufferPointer { all in
            for offset in 0..<16 {
                for length in lengths {
                    let crc = UInt16.random(in: 0...UInt16.max, using: &rng)
                    let bytes = UnsafeBufferPointer(rebasing: all[offset..<(offset + length)])
                    let base = bytes.baseAddress!
                    let portable = CRC16.portable(crc, base, length)
                    let dispatched = CRC16.update(crc, base, length)
                    #expect(portable == dispatched, "length \(length) at offset \(offset)")
                    if CRC16.hasFoldingKernel && length >= 16 {
                        #expect(CRC16.folded(crc, base, length) == portable, "length \(length) at offset \(offset)")
                    }
                    if length <= 600 || length % 7 == 0 {
                        #expect(Self.bitwise(crc, bytes) == portable, "length \(length) at offset \(offset)")
                    }
                }
            }
        }
    }

    @Test("The check value goes through every path alike")
    func checkValue() {
        let message = Array(String(repeating: "123456789", count: 64).utf8)
        let expected = message.withUnsafeBufferPointer { Self.bitwise(0xFFFF, $0) }
        #expect(CRC16.checksum(message) == expected)
        message.withUnsafeBufferPointer { buffer in
            #expect(CRC16.portable(0xFFFF, buffer.baseAddress!, buffer.count) == expected)
            if CRC16.hasFoldingKernel {
                #expect(CRC16.folded(0xFFFF, buffer.baseAddress!, buffer.count) == expected)
            }
        }
    }

    /// Four digits read as one word give what reading them one at a time gives: every byte value, in each of the four
    /// places, among digits of both cases.
    @Test("Four hex digits read at once agree with reading them one by one")
    func hexDigitsAtOnce() {
        let backgrounds: [[UInt8]] = [Array("0000".utf8), Array("9fA0".utf8), Array("FFff".utf8), Array("a1B9".utf8)]
        for background in backgrounds {
            for place in 0..<4 {
                for byte in 0...255 {
                    var digits = background
                    digits[place] = UInt8(byte)
                    let word = digits.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
                    let atOnce = CRC16.hexValue(ofDigits: word)
                    // One at a time: the value of each digit, or nil when any byte is not one.
                    let nibbles = digits.map { CRC16.hexValue($0) }
                    let oneByOne = nibbles.contains(nil) ? nil : nibbles.reduce(UInt16(0)) { $0 << 4 | UInt16($1!) }
                    #expect(atOnce?.value == oneByOne)
                    #expect(CRC16.hexValue(ofDigits: digits)?.value == oneByOne)
                    if let atOnce {
                        #expect(atOnce.lowercase == digits.contains { $0 >= 0x61 })
                    }
                }
            }
        }
    }
}
