/// Reads the orientation tag from a JPEG's APP1 EXIF segment and applies it to an image.
///
///     APP1 = "Exif" 00 00 tiff
///     tiff = ("II" | "MM") 002A ifd0-offset(4) ...
///     ifd  = count(2) entry(12)*count next(4)
///     entry = tag(2) type(2) count(4) value-or-offset(4)      orientation: tag 0112, type SHORT
enum EXIFOrientation {
    /// The orientation, 1 to 8, or `nil` when the segment has none or is malformed (a malformed EXIF block is
    /// ignored, as phones' own viewers do).
    static func parse(_ data: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> Int? {
        let end = start + count
        guard count >= 14, end <= data.count,
            Array(data[start..<start + 6]) == [0x45, 0x78, 0x69, 0x66, 0, 0]
        else { return nil }
        let tiff = start + 6
        let little: Bool
        switch (data[tiff], data[tiff + 1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= tiff, at + 2 <= end else { return nil }
            return little ? Int(data[at]) | Int(data[at + 1]) << 8 : Int(data[at]) << 8 | Int(data[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let a = u16(at), let b = u16(at + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        guard u16(tiff + 2) == 42, let ifd = u32(tiff + 4), let entries = u16(tiff + ifd) else { return nil }
        for index in 0..<min(entries, 512) {
            let entry = tiff + ifd + 2 + index * 12
            guard let tag = u16(entry) else { return nil }
            if tag == 0x0112 {
                guard u16(entry + 2) == 3, let value = u16(entry + 8), (1...8).contains(value) else { return nil }
                return value
            }
        }
        return nil
    }
}

extension GrayImage {
    /// The image as a viewer shows it, given EXIF orientation `orientation` (1 to 8; others leave it as is).
    func oriented(exif orientation: Int) -> GrayImage {
        guard (2...8).contains(orientation) else { return self }
        let w = width
        let h = height
        let swaps = orientation >= 5
        let outWidth = swaps ? h : w
        let outHeight = swaps ? w : h
        var out = [UInt8](repeating: 0, count: w * h)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        let (sx, sy): (Int, Int)
                        switch orientation {
                        case 2: (sx, sy) = (w - 1 - x, y)
                        case 3: (sx, sy) = (w - 1 - x, h - 1 - y)
                        case 4: (sx, sy) = (x, h - 1 - y)
                        case 5: (sx, sy) = (y, x)
                        case 6: (sx, sy) = (y, h - 1 - x)
                        case 7: (sx, sy) = (w - 1 - y, h - 1 - x)
                        default: (sx, sy) = (w - 1 - y, x)
                        }
                        dst[y * outWidth + x] = src[sy * w + sx]
                    }
                }
            }
        }
        return GrayImage(uncheckedWidth: outWidth, height: outHeight, pixels: out)
    }
}
