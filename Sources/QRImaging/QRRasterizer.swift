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
        var pixels = [UInt8](repeating: 0, count: rowBytes * side)
        pixels.withUnsafeMutableBufferPointer { out in
            // Build one pixel row per module row, then copy it `scale` times.
            var row = [UInt8](repeating: 0, count: rowBytes)
            func fill(moduleRow y: Int?) {
                for i in 0..<rowBytes { row[i] = 0 }
                for x in 0..<side {
                    let mx = (x - quiet) / scale
                    let isDark = y.map { x >= quiet && code[mx, $0] } ?? false
                    let value = isDark ? dark : light
                    if bitsPerPixel == 1 {
                        row[x >> 3] |= (value & 1) << (7 - UInt8(x & 7))
                    } else {
                        row[x] = value
                    }
                }
            }
            for y in 0..<side {
                let moduleRow = y >= quiet && y < quiet + code.size * scale ? (y - quiet) / scale : nil
                if y == 0 || (y - quiet) % scale == 0 || y == quiet + code.size * scale { fill(moduleRow: moduleRow) }
                for i in 0..<rowBytes { out[y * rowBytes + i] = row[i] }
            }
        }
        return (pixels, rowBytes)
    }
}
