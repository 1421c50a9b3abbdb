import QRImaging
import Testing

/// An image larger than the working size whose code is too small to read once shrunk to it still scans: the pipeline
/// ends with a pass over the full-size pixels, whether the decoder scaled the image down (JPEG) or not (PNG).
@Suite struct FullResolutionScanTests {
    /// From scripts/make-full-resolution-fixtures.sh.
    static let jpegs = Fixtures.variants(Fixtures.fullResolution)

    /// Whether the corners of `symbol` are those of a square `side` pixels wide in the middle of a `width` × `height`
    /// image, within two pixels: the pipeline gives corners in full-size pixels.
    func isCentred(_ symbol: QRSymbol, side: Int, width: Int, height: Int) -> Bool {
        symbol.corners.count == 4
            && symbol.corners.allSatisfy { corner in
                abs(abs(2 * corner.x - width) - side) <= 4 && abs(abs(2 * corner.y - height) - side) <= 4
            }
    }

    /// A PNG decodes at full size, with no scaling while decoding: 1650 pixels square, with the code at 2 pixels per
    /// module, under 1.5 once shrunk to 1200.
    @Test func largePNG() throws {
        let text = "HH-0042-2025 GAO ST25 5KG"
        let code = try QRCode(encoding: text)
        let png = try code.png(PNGOptions(style: QRRenderStyle(margin: 400), scale: 2))
        let side = code.pixelSize(scale: 2, margin: 400)
        #expect(side > QRScanner().workingSize)
        let found = try QRScanner(cpuBudget: ScanBudgetTests.budget).scan(imageData: png)
        #expect(found.map(\.text) == [text])
        #expect(found.allSatisfy { isCentred($0, side: 2 * code.size, width: side, height: side) })
    }

    /// JPEGs at 2 pixels per module: one that DCT scaling takes to exactly the working size, one decoded at full size.
    @Test(arguments: jpegs)
    func largeJPEG(_ variant: Fixtures.Variant) throws {
        let data = variant.bytes
        let image = try GrayImage(decoding: data)
        #expect(image.width == variant.width)
        #expect(image.height == variant.height)
        let found = try QRScanner(cpuBudget: ScanBudgetTests.budget).scan(imageData: data)
        #expect(found.map(\.text) == [variant.text])
        let side = try QRCode(encoding: variant.text).size * 2
        #expect(found.allSatisfy { isCentred($0, side: side, width: variant.width, height: variant.height) })
    }
}
