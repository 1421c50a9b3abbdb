import FileIO
import QRImaging
import Testing

/// Hostile files get a typed error with a stable code, and an offset where one makes sense; never a crash.
@Suite struct HostileImageTests {
    static let png: [UInt8] = {
        do { return try QRCode(encoding: "hostile").png(PNGOptions(scale: 2)) } catch { fatalError("\(error)") }
    }()

    func decodeError(_ bytes: [UInt8], limits: ImageLimits = ImageLimits()) -> QRImagingError? {
        do {
            _ = try GrayImage(decoding: bytes, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// A PNG whose IHDR says `width` × `height`, with a correct CRC so that only the size is wrong.
    static func pngClaiming(width: UInt32, height: UInt32) -> [UInt8] {
        var bytes = png
        for (i, value) in [width, height].enumerated() {
            for b in 0..<4 { bytes[16 + 4 * i + b] = UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(b))) }
        }
        let crc = crc32(bytes[12..<29])
        for b in 0..<4 { bytes[29 + b] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * UInt32(b))) }
        return bytes
    }

    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return ~crc
    }

    @Test func emptyFile() {
        let error = decodeError([])
        #expect(error?.code == .truncated)
        #expect(error?.offset == 0)
    }

    @Test(arguments: ["hello, world\n", "<svg xmlns='http://www.w3.org/2000/svg'/>", "GIF89a", "P7 not a PNM"])
    func unknownFormat(_ text: String) {
        let error = decodeError(Array(text.utf8))
        #expect(error?.code == .unknownFormat)
        #expect(error?.offset == 0)
    }

    /// The extension means nothing: a PNG saved as .jpg reads as a PNG; a text file saved as .png is refused.
    @Test func wrongExtension() throws {
        let directory = "/tmp/qrimaging-tests-\(UInt32.random(in: 0...UInt32.max))"
        #expect(mkdirForTest(directory))
        try Files.write(Self.png, to: directory + "/code.jpg")
        try Files.write(Array("not an image".utf8), to: directory + "/text.png")
        let found = try QRScanner().scan(imageData: Files.read(directory + "/code.jpg"))
        #expect(found.map(\.text) == ["hostile"])
        #expect(decodeError(try Files.read(directory + "/text.png"))?.code == .unknownFormat)
    }

    @Test(arguments: [8, 20, 33, 40, 60])
    func truncatedPNG(_ length: Int) {
        let error = decodeError(Array(Self.png.prefix(length)))
        #expect(error?.code == .truncated)
        #expect(error?.offset != nil)
    }

    @Test func truncatedBeforeIEND() {
        #expect(decodeError(Array(Self.png.dropLast(12)))?.code == .truncated)
    }

    @Test func corruptedPNGData() {
        var bytes = Self.png
        let middle = 33 + 8 + 10  // inside the first IDAT chunk's data
        bytes[middle] ^= 0xFF
        #expect(decodeError(bytes)?.code == .corrupt)
    }

    @Test func missingIHDR() {
        var bytes = Self.png
        bytes[12] = UInt8(ascii: "X")
        let error = decodeError(bytes)
        #expect(error?.code == .corrupt)
        #expect(error?.offset == 8)
    }

    @Test(arguments: [(0, 10), (10, 0), (0, 0)] as [(UInt32, UInt32)])
    func zeroDimensions(_ width: UInt32, _ height: UInt32) {
        let error = decodeError(Self.pngClaiming(width: width, height: height))
        #expect(error?.code == .emptyImage)
        #expect(error?.offset == 16)
    }

    /// The memory bound: the header is refused before a pixel buffer is allocated (10¹⁰ pixels would be 10 GB).
    @Test func headerClaimingHundredThousandSquared() {
        let error = decodeError(Self.pngClaiming(width: 100_000, height: 100_000))
        #expect(error?.code == .tooLarge)
        #expect(error?.offset == 16)
    }

    @Test func boundIsConfigurable() throws {
        let image = try GrayImage(decoding: Self.png)
        let pixels = image.width * image.height
        #expect(decodeError(Self.png, limits: ImageLimits(maximumPixels: pixels - 1))?.code == .tooLarge)
        #expect(decodeError(Self.png, limits: ImageLimits(maximumPixels: pixels)) == nil)
        #expect(ImageLimits().maximumPixels == 50_000_000)
    }

    // MARK: JPEG

    static let jpeg = Fixtures.bytes(Fixtures.formats + "/gray.jpg")

    /// The offset of the first SOF0 marker.
    static var jpegFrameOffset: Int {
        (0..<(jpeg.count - 1)).first { jpeg[$0] == 0xFF && (jpeg[$0 + 1] == 0xC0 || jpeg[$0 + 1] == 0xC2) }!
    }

    @Test(arguments: [3, 100, 600, -2])
    func truncatedJPEG(_ cut: Int) {
        let bytes = cut > 0 ? Array(Self.jpeg.prefix(cut)) : Array(Self.jpeg.dropLast(-cut))
        #expect(decodeError(bytes)?.code == .truncated)
    }

    @Test func jpegHeaderClaimingTooMuch() {
        var bytes = Self.jpeg
        let sof = Self.jpegFrameOffset
        bytes[sof + 5] = 0xFD  // height 65000
        bytes[sof + 6] = 0xE8
        bytes[sof + 7] = 0xFD  // width 65000
        bytes[sof + 8] = 0xE8
        let error = decodeError(bytes)
        #expect(error?.code == .tooLarge)
        #expect(error?.offset == sof)
    }

    @Test func jpegZeroHeight() {
        var bytes = Self.jpeg
        let sof = Self.jpegFrameOffset
        bytes[sof + 5] = 0
        bytes[sof + 6] = 0
        #expect(decodeError(bytes)?.code == .emptyImage)
    }

    @Test func corruptedJPEGTables() {
        var bytes = Self.jpeg
        let sof = Self.jpegFrameOffset
        bytes[sof + 9] = 0  // zero components
        #expect(decodeError(bytes)?.code == .corrupt)
    }

    // MARK: WebP and PNM

    static let webp = Fixtures.bytes(Fixtures.formats + "/lossless.webp")

    @Test(arguments: [12, 30, 200])
    func truncatedWebP(_ length: Int) {
        #expect(decodeError(Array(Self.webp.prefix(length)))?.code == .truncated)
    }

    @Test func corruptedWebP() {
        var bytes = Self.webp
        for i in 25..<min(bytes.count, 125) { bytes[i] = 0xFF }
        #expect(decodeError(bytes)?.code == .corrupt)
    }

    /// A lossless header claiming 16384 × 16384 (268 megapixels).
    @Test func webpHeaderClaimingTooMuch() {
        var bytes = Self.webp
        #expect(Array(bytes[12..<16]) == Array("VP8L".utf8))
        bytes[21] = 0xFF
        bytes[22] = 0xFF
        bytes[23] = 0xFF
        bytes[24] |= 0x0F
        #expect(decodeError(bytes)?.code == .tooLarge)
    }

    @Test(
        arguments: [
            ("P5\n100000 100000\n255\n", QRImagingError.Code.tooLarge),
            ("P5\n0 10\n255\n", .emptyImage),
            ("P5\n4 4\n255\n\u{1}\u{2}", .truncated),
            ("P2\n2 2\n255\n1 2 3", .truncated),
            ("P5\nfour 4\n255\n", .corrupt),
            ("P5\n4 4\n0\n", .corrupt),
            ("P6\n4 4\n70000\n", .corrupt),
            ("P1\n2 2\n0 1 7 0", .corrupt),
            ("P5\n1234567890123 4\n255\n", .corrupt),
            ("P5 # comment", .truncated),
        ] as [(String, QRImagingError.Code)])
    func hostilePNM(_ text: String, _ code: QRImagingError.Code) {
        #expect(decodeError(Array(text.utf8))?.code == code)
    }
}
