/// An 8-bit grayscale image, row-major, one byte per pixel, 0 black to 255 white.
public struct GrayImage: Hashable, Sendable {
    /// The width in pixels.
    public let width: Int
    /// The height in pixels.
    public let height: Int
    /// `width × height` gray levels, row by row.
    public internal(set) var pixels: [UInt8]

    /// Wraps gray levels as an image.
    ///
    /// - Throws: ``QRImagingError/Code/emptyImage`` for a zero side, ``QRImagingError/Code/invalidOption`` when
    ///   `pixels.count` is not `width × height`.
    public init(width: Int, height: Int, pixels: [UInt8]) throws(QRImagingError) {
        guard width > 0, height > 0 else { throw QRImagingError(.emptyImage, "the image is \(width)x\(height)") }
        guard width.multipliedReportingOverflow(by: height) == (pixels.count, false) else {
            throw QRImagingError(.invalidOption, "\(pixels.count) pixels do not make a \(width)x\(height) image")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image whose pixels the caller fills; used by the decoders once the size is checked.
    init(uncheckedWidth width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Decodes a PNG, JPEG, PNM or WebP file. The format is read from the bytes, never from a file name.
    ///
    /// Colour is converted to gray; alpha is composited on white; a JPEG's EXIF orientation is applied.
    ///
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - limits: the memory bound; see ``ImageLimits``.
    /// - Throws: ``QRImagingError/Code/unknownFormat``, ``QRImagingError/Code/truncated``,
    ///   ``QRImagingError/Code/corrupt``, ``QRImagingError/Code/emptyImage`` or ``QRImagingError/Code/tooLarge``,
    ///   with the byte offset where the problem lies when there is one.
    public init(decoding bytes: [UInt8], limits: ImageLimits = ImageLimits()) throws(QRImagingError) {
        self = try ImageDecoder.decode(bytes, limits: limits, reduceTo: nil).image
    }
}

/// The memory bound for decoding.
///
/// An image whose header claims more than ``maximumPixels`` pixels is refused before any pixel buffer is allocated.
/// Decoding then needs at most 5 bytes per pixel: the 1-byte gray result, plus a 4-byte RGBA intermediate for WebP;
/// so the default bound of 50 megapixels keeps a decode under 250 MB.
public struct ImageLimits: Hashable, Sendable {
    /// The largest `width × height` accepted; 50 megapixels by default.
    public var maximumPixels: Int

    public init(maximumPixels: Int = 50_000_000) {
        self.maximumPixels = maximumPixels
    }

    func check(width: Int, height: Int, format: ImageFormat, offset: Int) throws(QRImagingError) {
        guard width > 0, height > 0 else {
            throw QRImagingError(.emptyImage, offset: offset, "the \(format) header says \(width)x\(height)")
        }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= maximumPixels else {
            throw QRImagingError(
                .tooLarge, offset: offset,
                "the \(format) header says \(width)x\(height), more than the \(maximumPixels) pixels allowed"
            )
        }
    }
}

/// The image formats ``GrayImage/init(decoding:limits:)`` reads.
public enum ImageFormat: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case png = "PNG"
    case jpeg = "JPEG"
    case pnm = "PNM"
    case webp = "WebP"

    /// The format whose signature starts `bytes`, or `nil`.
    public init?(sniffing bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(12))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if head.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) {
            self = .webp
        } else if head.count >= 2, head[0] == UInt8(ascii: "P"),
            (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(head[1])
        {
            self = .pnm
        } else {
            return nil
        }
    }

    public var description: String { rawValue }
}
