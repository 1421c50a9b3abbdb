import CPNG

/// Reads PNG files with libpng's simplified `png_image_*` API, which handles every colour type, bit depth and
/// interlacing (16-bit, palette, alpha) and never lets libpng's `longjmp` reach a Swift frame.
///
/// Before libpng sees the bytes, the chunk layout is walked here so that a truncated file, zero dimensions or an
/// oversized header get their own error code and offset:
///
///     png   = signature(8) IHDR chunk*
///     chunk = length(4, big-endian) type(4) data(length) crc(4)
///     IHDR  = width(4) height(4) depth(1) colour(1) compression(1) filter(1) interlace(1)
enum PNGDecoder {
    static func decode(_ bytes: [UInt8], limits: ImageLimits) throws(QRImagingError) -> GrayImage {
        try bytes.withUnsafeBufferPointer { (data) throws(QRImagingError) -> GrayImage in
            try checkLayout(data, limits: limits)
            var image = png_image()
            image.version = UInt32(PNG_IMAGE_VERSION)
            guard png_image_begin_read_from_memory(&image, data.baseAddress, data.count) != 0 else {
                throw failure(&image, offset: nil)
            }
            image.format = UInt32(PNG_FORMAT_GRAY)
            let width = Int(image.width)
            let height = Int(image.height)
            var pixels = [UInt8](repeating: 0, count: width * height)
            var white = png_color(red: 255, green: 255, blue: 255)
            let status = pixels.withUnsafeMutableBytes { out in
                png_image_finish_read(&image, &white, out.baseAddress, Int32(width), nil)
            }
            guard status != 0 else { throw failure(&image, offset: nil) }
            return GrayImage(uncheckedWidth: width, height: height, pixels: pixels)
        }
    }

    /// Walks the chunks: IHDR first and sane, every chunk inside the file, an IEND at the end.
    static func checkLayout(_ data: UnsafeBufferPointer<UInt8>, limits: ImageLimits) throws(QRImagingError) {
        guard data.count >= 33 else {
            throw QRImagingError(.truncated, offset: data.count, "the PNG ends inside its header")
        }
        guard data.bigEndian32(at: 8) == 13, Array(data[12..<16]) == Array("IHDR".utf8) else {
            throw QRImagingError(.corrupt, offset: 8, "the PNG does not start with an IHDR chunk")
        }
        try limits.check(width: data.bigEndian32(at: 16), height: data.bigEndian32(at: 20), format: .png, offset: 16)
        var offset = 8
        while true {
            guard offset + 12 <= data.count else {
                throw QRImagingError(.truncated, offset: data.count, "the PNG ends before its IEND chunk")
            }
            let length = data.bigEndian32(at: offset)
            guard length <= 0x7FFF_FFFF, offset + 12 + length <= data.count else {
                throw QRImagingError(.truncated, offset: offset, "a \(length)-byte PNG chunk runs past the end")
            }
            let isEnd =
                data[offset + 4] == UInt8(ascii: "I") && data[offset + 5] == UInt8(ascii: "E")
                && data[offset + 6] == UInt8(ascii: "N") && data[offset + 7] == UInt8(ascii: "D")
            offset += 12 + length
            if isEnd { return }
        }
    }

    /// The error libpng reported in `image.message`; the image is freed.
    static func failure(_ image: inout png_image, offset: Int?) -> QRImagingError {
        let message = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        png_image_free(&image)
        return QRImagingError(.corrupt, offset: offset, "libpng: \(message)")
    }
}
