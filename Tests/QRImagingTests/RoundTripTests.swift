import QRImaging
import Testing

/// Render, then scan: the bytes that come back are exactly the bytes that went in.
@Suite struct RoundTripTests {
    static let p121 =
        "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA53037045405500005802VN62140810Thanh toan6304AE7E"

    static let texts: [String] = [
        "hello",
        "HELLO WORLD 123",
        "0123456789012345678901234567890",
        p121,
        "Thanh toán hoá đơn tiền điện tháng 6",
        "Nguyễn Văn Ánh, thôn Đông, xã Hòa Bình, huyện Ứng Hòa",
        "mixed: ABC123abc ỹ 0987654321 $%*+-./:",
    ]

    /// The code for `bytes`, and what the scanner found in its PNG.
    func roundTrip(
        _ bytes: [UInt8], _ options: QRCode.EncodeOptions = .init()
    ) throws -> (
        code: QRCode, found: [QRSymbol]
    ) {
        let code = try QRCode(encoding: bytes, options: options)
        let png = try code.png(PNGOptions(scale: 3))
        let found = try QRScanner().scan(imageData: png)
        #expect(found.count == 1)
        #expect(found.first?.bytes == bytes)
        return (code, found)
    }

    @Test(arguments: texts, QRCode.EncodeOptions.ECIPolicy.allCases)
    func text(_ text: String, eci: QRCode.EncodeOptions.ECIPolicy) throws {
        let found = try roundTrip(Array(text.utf8), .init(eci: eci)).found
        #expect(found.first?.text == text)
    }

    @Test(arguments: ErrorCorrection.allCases)
    func everyLevel(_ level: ErrorCorrection) throws {
        let code = try roundTrip(Array(Self.p121.utf8), .init(errorCorrection: level)).code
        #expect(code.errorCorrection == level)
    }

    @Test func binaryData() throws {
        var generator = SystemRandomNumberGenerator()
        for length in [1, 2, 17, 100, 300] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try roundTrip(bytes)
        }
        _ = try roundTrip(Array(0...255))
    }

    @Test(arguments: 1...40)
    func version(_ version: Int) throws {
        let options = QRCode.EncodeOptions(errorCorrection: .low, minimumVersion: version, maximumVersion: version)
        let bytes = Array("V\(version)".utf8)
        let code = try roundTrip(bytes, options).code
        #expect(code.version == version)
        #expect(code.size == 17 + 4 * version)
    }

    /// The measured fact of the issue: 121 bytes of VietQR fit version 5 with mixed segments (8-bit only needs 7).
    @Test func mixedSegmentsReachTheSmallestVersion() throws {
        #expect(try QRCode(encoding: Self.p121).version == 5)
    }

    @Test func maximumVersionIsEnforced() throws {
        #expect(throws: QRImagingError(.dataTooLong, "")) {
            try QRCode(encoding: Self.p121, options: .init(maximumVersion: 4))
        }
        #expect(throws: QRImagingError(.invalidOption, "")) {
            try QRCode(encoding: "x", options: .init(minimumVersion: 5, maximumVersion: 2))
        }
        let fullest = [UInt8](repeating: 0xAB, count: 2953)
        #expect(try QRCode(encoding: fullest, options: .init(errorCorrection: .low)).version == 40)
        #expect(throws: QRImagingError(.dataTooLong, "")) {
            try QRCode(encoding: fullest + [0], options: .init(errorCorrection: .low))
        }
    }
}
