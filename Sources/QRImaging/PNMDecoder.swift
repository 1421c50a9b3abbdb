/// Reads the Netpbm formats: P1/P4 (bitmap), P2/P5 (graymap, up to 16 bits), P3/P6 (pixmap, up to 16 bits).
///
///     pnm    = "P" digit ws width ws height [ws maxval] single-ws raster      (ws may hold "#" comments)
///     raster = ASCII numbers (P1, P2, P3) | binary samples (P4: packed bits, P5/P6: 1 or 2 bytes, big-endian)
enum PNMDecoder {
    static func decode(_ bytes: [UInt8], limits: ImageLimits) throws(QRImagingError) -> GrayImage {
        try bytes.withUnsafeBufferPointer { (data) throws(QRImagingError) -> GrayImage in
            var reader = PNMReader(data: data, offset: 2)
            let kind = Int(data[1] - UInt8(ascii: "0"))
            let width = try reader.number()
            let height = try reader.number()
            try limits.check(width: width, height: height, format: .pnm, offset: 3)
            let maxval = kind == 1 || kind == 4 ? 1 : try reader.number()
            guard (1...65535).contains(maxval) else {
                throw QRImagingError(
                    .corrupt, offset: reader.offset, "the PNM maximum value \(maxval) is not 1...65535")
            }
            let channels = kind == 3 || kind == 6 ? 3 : 1
            var pixels = [UInt8](repeating: 0, count: width * height)
            if kind <= 3 {
                // ASCII samples.
                for i in 0..<(width * height) {
                    var samples: (Int, Int, Int) = (0, 0, 0)
                    samples.0 = kind == 1 ? try reader.bit() : try reader.number()
                    if channels == 3 {
                        samples.1 = try reader.number()
                        samples.2 = try reader.number()
                    }
                    pixels[i] = gray(samples, channels: channels, maxval: maxval, bitmap: kind == 1)
                }
                return GrayImage(uncheckedWidth: width, height: height, pixels: pixels)
            }
            // Binary raster after exactly one whitespace byte.
            let start = reader.offset + 1
            let sampleBytes = maxval > 255 ? 2 : 1
            let rowBytes = kind == 4 ? (width + 7) / 8 : width * channels * sampleBytes
            guard start <= data.count, data.count - start >= rowBytes * height else {
                throw QRImagingError(.truncated, offset: data.count, "the PNM raster ends early")
            }
            for y in 0..<height {
                let row = start + y * rowBytes
                for x in 0..<width {
                    if kind == 4 {
                        let bit = Int(data[row + x >> 3] >> (7 - UInt8(x & 7)) & 1)
                        pixels[y * width + x] = gray((bit, 0, 0), channels: 1, maxval: 1, bitmap: true)
                        continue
                    }
                    func sample(_ c: Int) -> Int {
                        let at = row + (x * channels + c) * sampleBytes
                        return sampleBytes == 2 ? Int(data[at]) << 8 | Int(data[at + 1]) : Int(data[at])
                    }
                    let samples = channels == 3 ? (sample(0), sample(1), sample(2)) : (sample(0), 0, 0)
                    pixels[y * width + x] = gray(samples, channels: channels, maxval: maxval, bitmap: false)
                }
            }
            return GrayImage(uncheckedWidth: width, height: height, pixels: pixels)
        }
    }

    /// One pixel's gray level; bitmap 1 is black.
    static func gray(_ s: (Int, Int, Int), channels: Int, maxval: Int, bitmap: Bool) -> UInt8 {
        if bitmap { return s.0 == 0 ? 255 : 0 }
        func scaled(_ v: Int) -> UInt8 { UInt8((min(v, maxval) * 255 + maxval / 2) / maxval) }
        if channels == 1 { return scaled(s.0) }
        return luma(scaled(s.0), scaled(s.1), scaled(s.2))
    }
}

/// Reads the ASCII numbers of a PNM header and raster.
struct PNMReader {
    let data: UnsafeBufferPointer<UInt8>
    var offset: Int

    private mutating func skipSpace() throws(QRImagingError) {
        while offset < data.count {
            switch data[offset] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                offset += 1
            case UInt8(ascii: "#"):
                while offset < data.count && data[offset] != UInt8(ascii: "\n") { offset += 1 }
            default: return
            }
        }
        throw QRImagingError(.truncated, offset: offset, "the PNM file ends early")
    }

    /// A decimal number of at most 9 digits.
    mutating func number() throws(QRImagingError) -> Int {
        try skipSpace()
        let start = offset
        var value = 0
        while offset < data.count, data[offset] >= UInt8(ascii: "0"), data[offset] <= UInt8(ascii: "9") {
            guard offset - start < 9 else { throw QRImagingError(.corrupt, offset: start, "a PNM number is too long") }
            value = value * 10 + Int(data[offset] - UInt8(ascii: "0"))
            offset += 1
        }
        guard offset > start else { throw QRImagingError(.corrupt, offset: start, "expected a number in the PNM file") }
        return value
    }

    /// A P1 pixel: one "0" or "1", with or without whitespace around it.
    mutating func bit() throws(QRImagingError) -> Int {
        try skipSpace()
        let c = data[offset]
        guard c == UInt8(ascii: "0") || c == UInt8(ascii: "1") else {
            throw QRImagingError(.corrupt, offset: offset, "expected 0 or 1 in the PBM raster")
        }
        offset += 1
        return Int(c - UInt8(ascii: "0"))
    }
}
