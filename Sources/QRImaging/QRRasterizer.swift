/// Turns modules into packed pixel rows: each module becomes `scale × scale` pixels, inside a quiet zone.
struct QRRasterizer {
    let code: QRCode
    let scale: Int
    let margin: Int

    /// - Returns: `side` rows of `rowBytes` bytes each; 1-bit rows are packed MSB first.
    func raster(bitsPerPixel: Int, dark: UInt8, light: UInt8) -> (pixels: [UInt8], rowBytes: Int) {
        let side = code.pixelSize(scale: scale, margin: margin)
        let rowBytes = bitsPerPixel == 1 ? (side + 7) / 8 : side
        let quiet = margin * scale
        let size = code.size
        // A light row: the quiet zone rows, and the start of every other row.
        let lightRow =
            bitsPerPixel == 1
            ? [UInt8](repeating: light & 1 == 1 ? 0xFF : 0, count: rowBytes)
            : [UInt8](repeating: light, count: rowBytes)
        var pixels = [UInt8]()
        pixels.reserveCapacity(rowBytes * side)
        for _ in 0..<quiet { pixels.append(contentsOf: lightRow) }
        var row = lightRow
        code.modules.withUnsafeBufferPointer { modules in
            for y in 0..<size {
                row.withUnsafeMutableBufferPointer { row in
                    for i in 0..<rowBytes { row[i] = lightRow[i] }
                    for x in 0..<size where modules[y * size + x] != 0 {
                        let start = quiet + x * scale
                        for px in start..<(start + scale) {
                            if bitsPerPixel == 1 {
                                let mask = UInt8(0x80) >> UInt8(px & 7)
                                row[px >> 3] = dark & 1 == 1 ? row[px >> 3] | mask : row[px >> 3] & ~mask
                            } else {
                                row[px] = dark
                            }
                        }
                    }
                }
                for _ in 0..<scale { pixels.append(contentsOf: row) }
            }
        }
        for _ in 0..<(side - quiet - size * scale) { pixels.append(contentsOf: lightRow) }
        return (pixels, rowBytes)
    }
}
