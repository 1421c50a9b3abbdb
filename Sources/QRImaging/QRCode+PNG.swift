import CPNG

/// Options for ``QRCode/png(_:)``.
public struct PNGOptions: Hashable, Sendable {
    /// The bits per pixel of the file.
    public enum BitDepth: Int, Hashable, Sendable, CaseIterable {
        /// 1 bit per pixel: the smallest file.
        case one = 1
        /// 8 bits per pixel, for tools that mishandle 1-bit images.
        case eight = 8
    }

    /// The quiet zone and colours.
    public var style: QRRenderStyle
    /// Pixels per module, 1 to 100.
    public var scale: Int
    /// The bits per pixel.
    public var bitDepth: BitDepth
    /// The print resolution written in the pHYs chunk, so that the printed size is right; none when `nil`.
    public var dotsPerInch: Int?

    public init(
        style: QRRenderStyle = QRRenderStyle(), scale: Int = 8, bitDepth: BitDepth = .one, dotsPerInch: Int? = nil
    ) {
        self.style = style
        self.scale = scale
        self.bitDepth = bitDepth
        self.dotsPerInch = dotsPerInch
    }

    /// The smallest module a phone camera resolves reliably, in millimetres.
    public static let minimumModuleMillimetres = 0.4

    /// Options for print: the scale that gives modules of at least `moduleMillimetres` at `dotsPerInch`, and a pHYs
    /// chunk with that resolution.
    ///
    /// - Parameters:
    ///   - moduleMillimetres: the side of one module on paper; 0.5 mm makes a version-5 code 22.5 mm wide.
    ///   - dotsPerInch: the printer's resolution.
    ///   - style: the quiet zone and colours; with ``QRRenderStyle/Readability/notEnforced`` modules under the
    ///     minimum are allowed.
    ///   - bitDepth: the bits per pixel.
    /// - Throws: ``QRImagingError/Code/moduleTooSmall`` below ``minimumModuleMillimetres`` (while `style` enforces
    ///   ``QRRenderStyle/readability``), ``QRImagingError/Code/invalidOption`` for a resolution outside 1...10000.
    public static func print(
        moduleMillimetres: Double,
        dotsPerInch: Int,
        style: QRRenderStyle = QRRenderStyle(),
        bitDepth: BitDepth = .one
    ) throws(QRImagingError) -> PNGOptions {
        guard (1...10_000).contains(dotsPerInch), moduleMillimetres > 0, moduleMillimetres <= 100 else {
            throw QRImagingError(.invalidOption, "the print size needs 0 < mm <= 100 and 1 <= dpi <= 10000")
        }
        try style.checkModule(millimetres: moduleMillimetres)
        let pixels = moduleMillimetres * Double(dotsPerInch) / 25.4
        let scale = max(1, Int((pixels - 1e-6).rounded(.up)))
        return PNGOptions(style: style, scale: scale, bitDepth: bitDepth, dotsPerInch: dotsPerInch)
    }
}

extension QRCode {
    /// The side of the rendered image in pixels for `scale` and `margin`.
    public func pixelSize(scale: Int, margin: Int) -> Int { (size + 2 * margin) * scale }

    /// Renders the code as a PNG file's bytes.
    ///
    /// Black on white gives a grayscale image; other colours a two-entry palette.
    ///
    /// - Parameter options: the scale, bit depth, print resolution, quiet zone and colours.
    /// - Returns: the bytes of the PNG file.
    /// - Throws: the errors of ``QRRenderStyle/validate()``, and ``QRImagingError/Code/invalidOption`` for a scale
    ///   outside 1...100 or a resolution outside 1...10000.
    /// The corresponding C functions are libpng's `png_write_*`.
    public func png(_ options: PNGOptions = PNGOptions()) throws(QRImagingError) -> [UInt8] {
        try options.style.validate()
        guard (1...100).contains(options.scale) else {
            throw QRImagingError(.invalidOption, "the scale must be 1 to 100 pixels per module, not \(options.scale)")
        }
        var pixelsPerMetre: UInt32 = 0
        if let dpi = options.dotsPerInch {
            guard (1...10_000).contains(dpi) else {
                throw QRImagingError(.invalidOption, "the resolution must be 1 to 10000 dpi, not \(dpi)")
            }
            pixelsPerMetre = UInt32((Double(dpi) / 0.0254).rounded())
        }
        let style = options.style
        let plainGray = style.foreground.isGray && style.background.isGray
        let oneBit = options.bitDepth == .one
        let usesPalette = oneBit ? !(style.foreground == .black && style.background == .white) : !plainGray
        // Pixel values: palette indices 0 (dark) and 1 (light), or gray levels.
        let dark: UInt8 = usesPalette || oneBit ? 0 : style.foreground.gray
        let light: UInt8 = usesPalette ? 1 : (oneBit ? 1 : style.background.gray)
        let side = pixelSize(scale: options.scale, margin: style.margin)
        let rows = QRRasterizer(code: self, scale: options.scale, margin: style.margin)
            .raster(bitsPerPixel: oneBit ? 1 : 8, dark: dark, light: light)
        let palette = [style.foreground, style.background].flatMap { [$0.red, $0.green, $0.blue] }
        var buffer = vqr_png_buffer()
        defer { vqr_png_buffer_free(&buffer) }
        var message = [CChar](repeating: 0, count: 128)
        let status = rows.pixels.withUnsafeBufferPointer { pixels in
            palette.withUnsafeBufferPointer { palette in
                vqr_png_write(
                    pixels.baseAddress, UInt32(side), UInt32(side), rows.rowBytes, oneBit ? 1 : 8,
                    usesPalette ? PNG_COLOR_TYPE_PALETTE : PNG_COLOR_TYPE_GRAY, palette.baseAddress, 2,
                    pixelsPerMetre, 6, &buffer, &message
                )
            }
        }
        guard status == 0, let data = buffer.data else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw QRImagingError(.io, "libpng could not write the image: \(text)")
        }
        return Array(UnsafeBufferPointer(start: data, count: buffer.size))
    }
}
