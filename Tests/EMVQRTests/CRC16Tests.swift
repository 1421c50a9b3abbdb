import EMVQR
import Testing

@Suite("CRC-16/CCITT-FALSE")
struct CRC16Tests {
    /// The textbook bitwise definition, to check the table-driven one against.
    static func bitwise(_ bytes: [UInt8], _ initial: UInt16 = 0xFFFF) -> UInt16 {
        var crc = initial
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        }
        return crc
    }

    @Test("The check value of \"123456789\" is 0x29B1")
    func checkValue() {
        #expect(CRC16.checksum(Array("123456789".utf8)) == 0x29B1)
        #expect(CRC16.checksum("123456789".utf8) == 0x29B1)
    }

    @Test("Every length from 0 to 600 and every split agree with the bitwise definition")
    func lengthsAndChunks() {
        var state: UInt32 = 12345
        let data: [UInt8] = (0..<600).map { _ in
            state = state &* 1_103_515_245 &+ 12345
            return UInt8(truncatingIfNeeded: state >> 16)
        }
        for n in 0...600 {
            let slice = Array(data[0..<n])
            let expected = Self.bitwise(slice)
            #expect(CRC16.checksum(slice) == expected)
            let cut = n / 3
            var crc = CRC16()
            crc.update(slice[0..<cut])
            crc.update(slice[cut...])
            #expect(crc.value == expected, "n=\(n)")
        }
    }

    @Test("A non-contiguous sequence gives the same result")
    func nonContiguous() {
        let bytes = "00020101021263".utf8
        #expect(CRC16.checksum(bytes.lazy.map { $0 }) == Self.bitwise(Array(bytes)))
    }

    @Test("Resuming from a stored register continues the same checksum")
    func resume() {
        var first = CRC16()
        first.update(Array("12345".utf8))
        var second = CRC16(resumingFrom: first.value)
        second.update(Array("6789".utf8))
        #expect(second.value == 0x29B1)
    }

    @Test(
        "Output is uppercase and zero-padded to four digits",
        arguments: [
            (UInt16(0x0C02), "0C02"), (0x0000, "0000"), (0xABCD, "ABCD"), (0x00F0, "00F0"),
        ])
    func hex(_ value: UInt16, _ text: String) {
        #expect(CRC16.hexString(value) == text)
        #expect(CRC16.hexDigits(value) == Array(text.utf8))
    }

    @Test("verify accepts either case and rejects anything else")
    func verify() {
        let covered = Array("123456789".utf8)
        #expect(CRC16.verify(Array("29B1".utf8), covering: covered))
        #expect(CRC16.verify(Array("29b1".utf8), covering: covered))
        #expect(!CRC16.verify(Array("29B2".utf8), covering: covered))
        #expect(!CRC16.verify(Array("9B1".utf8), covering: covered))
        #expect(!CRC16.verify(Array("29G1".utf8), covering: covered))
    }
}
