import QRImaging
import Testing

@Suite struct RenderTests {
    static let code: QRCode = {
        do { return try QRCode(encoding: "RENDER 123") } catch { fatalError("\(error)") }
    }()

    /// The big-endian 32-bit value at `offset`.
    func u32(_ bytes: [UInt8], _ offset: Int) -> Int {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }

    /// The offset of chunk `type` in a PNG, or nil.
    func chunk(_ type: String, in png: [UInt8]) -> Int? {
        var offset = 8
        while offset + 8 <= png.count {
            if Array(png[offset + 4..<offset + 8]) == Array(type.utf8) { return offset }
            offset += 12 + u32(png, offset)
        }
        return nil
    }

    @Test(arguments: [1, 3, 8], [0, 4, 10])
    func pngSizeFollowsScaleAndMargin(_ scale: Int, _ margin: Int) throws {
        let png = try Self.code.png(PNGOptions(style: QRRenderStyle(margin: margin), scale: scale))
        let side = (Self.code.size + 2 * margin) * scale
        #expect(u32(png, 16) == side)
        #expect(u32(png, 20) == side)
        let image = try GrayImage(decoding: png)
        // The quiet zone is light, the top-left finder pattern's corner is dark.
        #expect(image.pixels[0] == (margin > 0 ? 255 : 0))
        #expect(image.pixels[margin * scale * side + margin * scale] == 0)
    }

    @Test(arguments: PNGOptions.BitDepth.allCases)
    func bitDepth(_ depth: PNGOptions.BitDepth) throws {
        let png = try Self.code.png(PNGOptions(bitDepth: depth))
        #expect(Int(png[24]) == depth.rawValue)
        #expect(png[25] == 0)  // grayscale
        #expect(try QRScanner().scan(imageData: png).map(\.text) == ["RENDER 123"])
    }

    /// 0.5 mm at 300 dpi: 5.9 px rounds up to 6 so modules are never smaller than asked; pHYs says 11811 px/m.
    @Test func printSizing() throws {
        let options = try PNGOptions.print(moduleMillimetres: 0.5, dotsPerInch: 300)
        #expect(options.scale == 6)
        let png = try Self.code.png(options)
        let phys = try #require(chunk("pHYs", in: png))
        #expect(u32(png, phys + 8) == 11811)
        #expect(u32(png, phys + 12) == 11811)
        #expect(png[phys + 16] == 1)  // metres
        #expect(chunk("pHYs", in: try Self.code.png()) == nil)
        #expect(throws: QRImagingError(.moduleTooSmall, "")) {
            try PNGOptions.print(moduleMillimetres: 0.3, dotsPerInch: 600)
        }
        #expect(
            try PNGOptions.print(moduleMillimetres: 0.3, dotsPerInch: 600, style: .init(readability: .notEnforced))
                .scale == 8)
        #expect(throws: QRImagingError(.moduleTooSmall, "")) { try Self.code.svg(SVGOptions(moduleMillimetres: 0.3)) }
        let small = try Self.code.svg(
            SVGOptions(style: .init(readability: .notEnforced), moduleMillimetres: 0.3))
        #expect(small.contains("mm\" height=\""))  // drawn at its physical size all the same
    }

    @Test func coloursUseAPalette() throws {
        let style = QRRenderStyle(foreground: RGBColor(hex: "#1a237e")!, background: RGBColor(hex: "fffde7")!)
        let png = try Self.code.png(PNGOptions(style: style))
        #expect(png[25] == 3)
        let plte = try #require(chunk("PLTE", in: png))
        #expect(Array(png[plte + 8..<plte + 14]) == [0x1a, 0x23, 0x7e, 0xff, 0xfd, 0xe7])
        #expect(try QRScanner().scan(imageData: png).map(\.text) == ["RENDER 123"])
    }

    @Test(arguments: [
        ("#777777", "#ffffff", QRImagingError.Code.lowContrast),
        ("#ffffff", "#000000", .inverted),
        ("#ffff00", "#ffffff", .lowContrast),
        ("#222222", "#111111", .inverted),
    ])
    func contrastIsChecked(_ foreground: String, _ background: String, _ code: QRImagingError.Code) throws {
        var style = QRRenderStyle(foreground: RGBColor(hex: foreground)!, background: RGBColor(hex: background)!)
        #expect(throws: QRImagingError(code, "")) { try Self.code.png(PNGOptions(style: style)) }
        #expect(throws: QRImagingError(code, "")) { try Self.code.svg(SVGOptions(style: style)) }
        style.readability = .notEnforced
        _ = try Self.code.png(PNGOptions(style: style))
        _ = try Self.code.svg(SVGOptions(style: style))
        // The margin is checked whatever the readability.
        style.margin = -1
        #expect(throws: QRImagingError(.invalidOption, "")) { try Self.code.png(PNGOptions(style: style)) }
    }

    @Test func contrastRatio() {
        #expect(RGBColor.black.contrastRatio(with: .white) == 21)
        #expect(RGBColor.white.contrastRatio(with: .white) == 1)
        #expect(RGBColor(hex: "#abc") == RGBColor(red: 0xAA, green: 0xBB, blue: 0xCC))
        #expect(RGBColor(hex: "#12345g") == nil)
        #expect(RGBColor(hex: "#1a2b3c")?.description == "#1a2b3c")
    }

    @Test func svgIsOnePathWithPhysicalSize() throws {
        let svg = try Self.code.svg(SVGOptions(moduleMillimetres: 0.5))
        let side = Self.code.size + 8
        #expect(svg.contains("viewBox=\"0 0 \(side) \(side)\""))
        #expect(svg.contains("width=\"\(Double(side) / 2)mm\"") || svg.contains("width=\"\(side / 2)mm\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.split(separator: "<path").count == 2)
        // Every dark module is covered by the path: count the unit squares it draws.
        let path = svg.split(separator: "d=\"")[1].split(separator: "\"")[0]
        var covered = 0
        for command in path.split(separator: "M") {
            let run = command.split(separator: "h")[1].split(separator: "v")[0]
            covered += Int(run)!
        }
        var dark = 0
        for y in 0..<Self.code.size { for x in 0..<Self.code.size where Self.code[x, y] { dark += 1 } }
        #expect(covered == dark)
    }

    @Test(arguments: [false, true])
    func terminalHalfBlocks(_ darkTerminal: Bool) {
        let text = Self.code.terminalText(darkTerminal: darkTerminal)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let side = Self.code.size + 8
        #expect(lines.count == (side + 1) / 2)
        #expect(lines.allSatisfy { $0.count == side })
        // Row 4 of the code is the finder pattern's top edge: dark at column 4, so ink on a light terminal.
        let firstCodeLine = Array(lines[2])
        #expect((firstCodeLine[4] == "\u{2588}") != darkTerminal)
    }

    /// A format from a file name's extension, and the bytes it renders: what a caller writes to that file.
    @Test func renderedAsAFormat() throws {
        #expect(try Self.code.rendered(as: .png(PNGOptions())) == Self.code.png())
        #expect(try Self.code.rendered(as: .svg(SVGOptions())) == Array(Self.code.svg().utf8))
        #expect(
            try QRScanner().scan(imageData: Self.code.rendered(as: .png(PNGOptions()))).map(\.text) == ["RENDER 123"])
        #expect(QRRenderFormat(path: "a.png") == .png(PNGOptions()))
        #expect(QRRenderFormat(path: "a.SVG") == .svg(SVGOptions()))
        #expect(QRRenderFormat(path: "a.gif") == nil)
    }
}
