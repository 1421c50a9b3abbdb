import CWebP

/// Reads WebP files (lossy, lossless, with alpha) with libwebp; alpha is composited on white.
///
///     webp = "RIFF" size(4, little-endian: bytes after this field) "WEBP" chunk*
enum WebPDecoder {
    static func decode(_ bytes: [UInt8], limits: ImageLimits) throws(QRImagingError) -> GrayImage {
        try bytes.withUnsafeBufferPointer { (data) throws(QRImagingError) -> GrayImage in
            let riffSize = Int(data[4]) | Int(data[5]) << 8 | Int(data[6]) << 16 | Int(data[7]) << 24
            guard riffSize + 8 <= data.count else {
                throw QRImagingError(.truncated, offset: data.count, "the WebP file should have \(riffSize + 8) bytes")
            }
            var width: Int32 = 0
            var height: Int32 = 0
            guard WebPGetInfo(data.baseAddress, data.count, &width, &height) != 0 else {
                throw QRImagingError(.corrupt, offset: 12, "libwebp cannot read the WebP header")
            }
            try limits.check(width: Int(width), height: Int(height), format: .webp, offset: 12)
            let count = Int(width) * Int(height)
            var rgba = [UInt8](repeating: 0, count: count * 4)
            let decoded = rgba.withUnsafeMutableBufferPointer { out in
                WebPDecodeRGBAInto(data.baseAddress, data.count, out.baseAddress, out.count, width * 4)
            }
            guard decoded != nil else { throw QRImagingError(.corrupt, "libwebp cannot decode the image data") }
            var pixels = [UInt8](repeating: 0, count: count)
            rgba.withUnsafeBufferPointer { src in
                pixels.withUnsafeMutableBufferPointer { dst in
                    for i in 0..<count {
                        let y = UInt32(luma(src[4 * i], src[4 * i + 1], src[4 * i + 2]))
                        let a = UInt32(src[4 * i + 3])
                        dst[i] = UInt8((y * a + 255 * (255 - a) + 127) / 255)
                    }
                }
            }
            return GrayImage(uncheckedWidth: Int(width), height: Int(height), pixels: pixels)
        }
    }
}
