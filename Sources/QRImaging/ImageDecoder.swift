/// Dispatches a file's bytes to the decoder its signature names.
enum ImageDecoder {
    /// - Parameter reduceTo: for JPEG, decode at the smallest DCT scale whose longer side is still at least this
    ///   many pixels; `nil` decodes at full size. Other formats always decode at full size.
    /// - Returns: the image and its scale against the full-size image (1, 1/2, 1/4 or 1/8).
    static func decode(
        _ bytes: [UInt8], limits: ImageLimits, reduceTo: Int?
    ) throws(QRImagingError) -> (image: GrayImage, scale: Double) {
        guard let format = ImageFormat(sniffing: bytes) else {
            if bytes.isEmpty { throw QRImagingError(.truncated, offset: 0, "the file is empty") }
            throw QRImagingError(.unknownFormat, offset: 0, "not a PNG, JPEG, PNM or WebP file")
        }
        switch format {
        case .png: return (try PNGDecoder.decode(bytes, limits: limits), 1)
        case .jpeg: return try JPEGDecoder.decode(bytes, limits: limits, reduceTo: reduceTo)
        case .pnm: return (try PNMDecoder.decode(bytes, limits: limits), 1)
        case .webp: return (try WebPDecoder.decode(bytes, limits: limits), 1)
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The big-endian 16-bit value at `offset`.
    func bigEndian16(at offset: Int) -> Int { Int(self[offset]) << 8 | Int(self[offset + 1]) }
    /// The big-endian 32-bit value at `offset`.
    func bigEndian32(at offset: Int) -> Int { bigEndian16(at: offset) << 16 | bigEndian16(at: offset + 2) }
}

/// Rec. 601 luma from 8-bit RGB, in integers.
@inline(__always)
func luma(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
    let sum = 77 &* UInt32(r) &+ 150 &* UInt32(g) &+ 29 &* UInt32(b) &+ 128
    return UInt8(truncatingIfNeeded: sum >> 8)
}
