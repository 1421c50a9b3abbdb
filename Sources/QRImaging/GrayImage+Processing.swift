/// The image operations the scan pipeline uses. All are O(pixels) and allocate one output image.
extension GrayImage {
    /// The longer side in pixels.
    var longSide: Int { max(width, height) }

    /// The image shrunk by area averaging so that its longer side is `target` pixels; `self` when it is no larger.
    func downscaled(toLongSide target: Int) -> GrayImage {
        guard longSide > target, target > 0 else { return self }
        let outWidth = max(1, width * target / longSide)
        let outHeight = max(1, height * target / longSide)
        // Source column range of each output column; rows likewise.
        let columnStart = (0...outWidth).map { $0 * width / outWidth }
        let rowStart = (0...outHeight).map { $0 * height / outHeight }
        var out = [UInt8](repeating: 0, count: outWidth * outHeight)
        var sums = [UInt32](repeating: 0, count: width)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                sums.withUnsafeMutableBufferPointer { sums in
                    for oy in 0..<outHeight {
                        for x in 0..<width { sums[x] = 0 }
                        for sy in rowStart[oy]..<rowStart[oy + 1] {
                            let row = sy * width
                            for x in 0..<width { sums[x] &+= UInt32(src[row + x]) }
                        }
                        let rows = UInt32(rowStart[oy + 1] - rowStart[oy])
                        for ox in 0..<outWidth {
                            var total: UInt32 = 0
                            for x in columnStart[ox]..<columnStart[ox + 1] { total &+= sums[x] }
                            let count = rows * UInt32(columnStart[ox + 1] - columnStart[ox])
                            dst[oy * outWidth + ox] = UInt8((total + count / 2) / count)
                        }
                    }
                }
            }
        }
        return GrayImage(uncheckedWidth: outWidth, height: outHeight, pixels: out)
    }

    /// The image enlarged `factor` times by bilinear interpolation.
    func upscaled(by factor: Int) -> GrayImage {
        let outWidth = width * factor
        let outHeight = height * factor
        var out = [UInt8](repeating: 0, count: outWidth * outHeight)
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for oy in 0..<outHeight {
                    // Source position in 1/256 pixel, sampling at pixel centres.
                    let fy = max(0, (oy * 256 + 128) / factor - 128)
                    let y0 = min(fy >> 8, height - 1)
                    let y1 = min(y0 + 1, height - 1)
                    let wy = fy & 255
                    for ox in 0..<outWidth {
                        let fx = max(0, (ox * 256 + 128) / factor - 128)
                        let x0 = min(fx >> 8, width - 1)
                        let x1 = min(x0 + 1, width - 1)
                        let wx = fx & 255
                        let top = Int(src[y0 * width + x0]) * (256 - wx) + Int(src[y0 * width + x1]) * wx
                        let bottom = Int(src[y1 * width + x0]) * (256 - wx) + Int(src[y1 * width + x1]) * wx
                        dst[oy * outWidth + ox] = UInt8((top * (256 - wy) + bottom * wy + 32768) >> 16)
                    }
                }
            }
        }
        return GrayImage(uncheckedWidth: outWidth, height: outHeight, pixels: out)
    }

    /// Black and white at Otsu's global threshold, which best separates the two classes of the histogram.
    func otsuThresholded() -> GrayImage {
        var histogram = [Int](repeating: 0, count: 256)
        for value in pixels { histogram[Int(value)] += 1 }
        let total = pixels.count
        let sumAll = (0..<256).reduce(0) { $0 + $1 * histogram[$1] }
        var sumBelow = 0
        var countBelow = 0
        var best = (threshold: 127, variance: -1.0)
        for t in 0..<256 {
            countBelow += histogram[t]
            sumBelow += t * histogram[t]
            let countAbove = total - countBelow
            guard countBelow > 0, countAbove > 0 else { continue }
            let meanBelow = Double(sumBelow) / Double(countBelow)
            let meanAbove = Double(sumAll - sumBelow) / Double(countAbove)
            let variance = Double(countBelow) * Double(countAbove) * (meanBelow - meanAbove) * (meanBelow - meanAbove)
            if variance > best.variance { best = (t, variance) }
        }
        return mapped { $0 <= UInt8(best.threshold) ? 0 : 255 }
    }

    /// Black and white against the mean of a square window around each pixel (Bradley's method), which copes with
    /// glare and uneven light.
    ///
    /// - Parameters:
    ///   - radius: half the window side in pixels.
    ///   - percent: how far below the local mean a pixel must be to count as dark.
    func adaptiveThresholded(radius: Int, percent: Int = 15) -> GrayImage {
        IntegralImage(self).adaptiveThresholded(radius: radius, percent: percent)
    }

    /// The image averaged over a `(2 × radius + 1)²` box around each pixel, which tames sensor noise.
    func boxBlurred(radius: Int) -> GrayImage { IntegralImage(self).boxBlurred(radius: radius) }

    /// Light for dark and dark for light.
    func inverted() -> GrayImage { mapped { 255 - $0 } }

    private func mapped(_ transform: (UInt8) -> UInt8) -> GrayImage {
        var table = [UInt8](repeating: 0, count: 256)
        for v in 0..<256 { table[v] = transform(UInt8(v)) }
        var out = pixels
        table.withUnsafeBufferPointer { table in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<dst.count { dst[i] = table[Int(dst[i])] }
            }
        }
        return GrayImage(uncheckedWidth: width, height: height, pixels: out)
    }
}

/// An image with its summed-area table, so that any number of window filters over it (thresholds of several radii, a
/// blur) share one pass that builds the table.
struct IntegralImage {
    let image: GrayImage
    /// The sums of the pixels above and left of each point, `(width + 1) × (height + 1)`, first row and column zero.
    private let sums: [Int]

    init(_ image: GrayImage) {
        self.image = image
        let (width, height) = (image.width, image.height)
        let stride = width + 1
        var sums = [Int](repeating: 0, count: stride * (height + 1))
        image.pixels.withUnsafeBufferPointer { src in
            sums.withUnsafeMutableBufferPointer { sum in
                for y in 0..<height {
                    var row = 0
                    for x in 0..<width {
                        row += Int(src[y * width + x])
                        sum[(y + 1) * stride + x + 1] = sum[y * stride + x + 1] + row
                    }
                }
            }
        }
        self.sums = sums
    }

    /// ``GrayImage/adaptiveThresholded(radius:percent:)`` of ``image``.
    func adaptiveThresholded(radius: Int, percent: Int = 15) -> GrayImage {
        windowed(radius: radius) { value, total, area in
            Int(value) * area * 100 < total * (100 - percent) ? 0 : 255
        }
    }

    /// ``GrayImage/boxBlurred(radius:)`` of ``image``.
    func boxBlurred(radius: Int) -> GrayImage {
        windowed(radius: radius) { _, total, area in UInt8((total + area / 2) / area) }
    }

    /// Maps each pixel with the sum and area of the square window of `radius` around it: O(pixels) whatever the
    /// radius.
    private func windowed(radius: Int, _ transform: (_ value: UInt8, _ total: Int, _ area: Int) -> UInt8) -> GrayImage {
        let (width, height) = (image.width, image.height)
        let stride = width + 1
        var out = [UInt8](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { src in
            sums.withUnsafeBufferPointer { sum in
                out.withUnsafeMutableBufferPointer { dst in
                    for y in 0..<height {
                        let y0 = max(0, y - radius)
                        let y1 = min(height, y + radius + 1)
                        for x in 0..<width {
                            let x0 = max(0, x - radius)
                            let x1 = min(width, x + radius + 1)
                            let total =
                                sum[y1 * stride + x1] - sum[y0 * stride + x1] - sum[y1 * stride + x0]
                                + sum[y0 * stride + x0]
                            dst[y * width + x] = transform(src[y * width + x], total, (x1 - x0) * (y1 - y0))
                        }
                    }
                }
            }
        }
        return GrayImage(uncheckedWidth: width, height: height, pixels: out)
    }
}
