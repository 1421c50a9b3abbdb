import CTurboJPEG

/// Reads JPEG files with libjpeg-turbo's TurboJPEG API, straight to gray, using its DCT scaling (1/2, 1/4, 1/8) to
/// shrink big photos cheaply, and applies the EXIF orientation.
///
/// The marker layout is walked first, for clear errors and for the EXIF orientation:
///
///     jpeg    = SOI(FFD8) segment* SOS-segment entropy-coded-data EOI(FFD9)
///     segment = FF marker(1) length(2, big-endian, includes itself) data(length - 2)
enum JPEGDecoder {
    static func decode(
        _ bytes: [UInt8], limits: ImageLimits, reduceTo: Int?
    ) throws(QRImagingError) -> (image: GrayImage, scale: Double) {
        let layout = try bytes.withUnsafeBufferPointer { (data) throws(QRImagingError) in try walk(data) }
        try limits.check(width: layout.width, height: layout.height, format: .jpeg, offset: layout.frameOffset)
        let decompressor = try TurboJPEGDecompressor()
        let (numerator, denominator) = scalingFactor(width: layout.width, height: layout.height, reduceTo: reduceTo)
        let width = (layout.width * numerator + denominator - 1) / denominator
        let height = (layout.height * numerator + denominator - 1) / denominator
        let pixels = try decompressor.decodeGray(bytes, width: width, height: height)
        let image = GrayImage(uncheckedWidth: width, height: height, pixels: pixels)
        return (image.oriented(exif: layout.orientation), Double(numerator) / Double(denominator))
    }

    /// The smallest of 1/8, 1/4, 1/2 and 1 whose longer side is at least `reduceTo`.
    static func scalingFactor(width: Int, height: Int, reduceTo: Int?) -> (Int, Int) {
        guard let reduceTo else { return (1, 1) }
        let longer = max(width, height)
        for denominator in [8, 4, 2] where (longer + denominator - 1) / denominator >= reduceTo {
            return (1, denominator)
        }
        return (1, 1)
    }

    struct Layout {
        var width = 0
        var height = 0
        var frameOffset = 0
        var orientation = 1
    }

    static func walk(_ data: UnsafeBufferPointer<UInt8>) throws(QRImagingError) -> Layout {
        var layout = Layout()
        var sawFrame = false
        var offset = 2
        while true {
            guard offset + 4 <= data.count else {
                throw QRImagingError(.truncated, offset: data.count, "the JPEG ends before its image data")
            }
            guard data[offset] == 0xFF else {
                throw QRImagingError(.corrupt, offset: offset, "expected a JPEG marker")
            }
            let marker = data[offset + 1]
            if marker == 0xFF {  // fill byte
                offset += 1
                continue
            }
            let length = data.bigEndian16(at: offset + 2)
            guard length >= 2, offset + 2 + length <= data.count else {
                throw QRImagingError(.truncated, offset: offset, "a JPEG segment runs past the end of the file")
            }
            let body = offset + 4
            switch marker {
            case 0xC0...0xCF where marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
                guard length >= 8 else {
                    throw QRImagingError(.corrupt, offset: offset, "a JPEG frame header is short")
                }
                layout.height = data.bigEndian16(at: body + 1)
                layout.width = data.bigEndian16(at: body + 3)
                layout.frameOffset = offset
                sawFrame = true
            case 0xE1:
                layout.orientation = EXIFOrientation.parse(data, from: body, count: length - 2) ?? layout.orientation
            case 0xDA:
                guard sawFrame else { throw QRImagingError(.corrupt, offset: offset, "JPEG image data before a frame") }
                // The entropy-coded data must end with EOI; trailing bytes after it are common and harmless.
                var end = data.count - 2
                while end > offset && !(data[end] == 0xFF && data[end + 1] == 0xD9) { end -= 1 }
                guard end > offset else {
                    throw QRImagingError(.truncated, offset: data.count, "the JPEG has no end-of-image marker")
                }
                return layout
            default:
                break
            }
            offset += 2 + length
        }
    }
}

/// Owns a TurboJPEG decompressor handle.
final class TurboJPEGDecompressor {
    private let handle: tjhandle

    /// The corresponding C function is `tjInitDecompress`.
    init() throws(QRImagingError) {
        guard let handle = tjInitDecompress() else { throw QRImagingError(.io, "cannot start a JPEG decoder") }
        self.handle = handle
    }

    deinit { tjDestroy(handle) }

    /// Decodes to 8-bit gray at one of libjpeg-turbo's scaled sizes. Warnings (such as extraneous bytes) are
    /// accepted; errors are not.
    /// The corresponding C function is `tjDecompress2`.
    func decodeGray(_ bytes: [UInt8], width: Int, height: Int) throws(QRImagingError) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: width * height)
        let status = bytes.withUnsafeBufferPointer { data in
            pixels.withUnsafeMutableBufferPointer { out in
                tjDecompress2(
                    handle, data.baseAddress, UInt(data.count), out.baseAddress, Int32(width), 0, Int32(height),
                    Int32(TJPF_GRAY.rawValue), TJFLAG_LIMITSCANS
                )
            }
        }
        if status != 0 && tjGetErrorCode(handle) != Int32(TJERR_WARNING.rawValue) {
            let message = String(cString: tjGetErrorStr2(handle))
            throw QRImagingError(.corrupt, "libjpeg-turbo: \(message)")
        }
        return pixels
    }
}
