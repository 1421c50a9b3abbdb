import QRImaging
import Testing

/// Every committed format variant decodes to the size a viewer shows and scans to its exact text.
@Suite struct ImageFormatTests {
    static let variants = Fixtures.variants(Fixtures.formats)

    @Test func everyKindIsCovered() {
        let names = Set(Self.variants.map(\.file))
        for required in [
            "gray1.png", "gray16.png", "palette.png", "rgba-transparent.png", "rgba16.png", "gray-alpha.png",
            "interlaced.png", "colour.jpg", "gray.jpg", "progressive.jpg", "exif-orientation-6.jpg", "ascii.pbm",
            "binary.pbm", "ascii.pgm", "binary16.pgm", "ascii.ppm", "binary.ppm", "lossy.webp", "lossless.webp",
            "alpha.webp",
        ] {
            #expect(names.contains(required), "\(required)")
        }
    }

    @Test(arguments: variants)
    func decodesAndScans(_ variant: Fixtures.Variant) throws {
        let image = try GrayImage(decoding: variant.bytes)
        #expect(image.width == variant.width)
        #expect(image.height == variant.height)
        let found = QRScanner().scanOnce(image)
        #expect(found.map(\.text) == [variant.text])
        // The code sits at the left of a wider canvas: a wrong orientation would move it.
        #expect(found.first.map { $0.corners.allSatisfy { $0.x < variant.height } } == true)
    }

    /// Transparent light modules must come out white: alpha composited on black would hide the code.
    @Test(arguments: ["rgba-transparent.png", "rgba16.png", "gray-alpha.png", "alpha.webp"])
    func alphaIsCompositedOnWhite(_ file: String) throws {
        let image = try GrayImage(decoding: Fixtures.bytes(Fixtures.formats + "/" + file))
        #expect(image.pixels[0] == 255)
        #expect(image.pixels[image.width * image.height - 1] == 255)
    }
}
