/// Finds and reads QR codes in images, from clean renders to 12-megapixel phone photos.
///
/// ``scan(imageData:)`` and ``scan(_:)`` run a pipeline of zbar passes, stopping at the first that finds a code:
///
/// 1. the image at a working size (a JPEG is decoded straight to it with DCT scaling), then smaller sizes;
/// 2. an upscale of small images;
/// 3. a global (Otsu) threshold, adaptive thresholds, both again after smoothing (one tuned for low contrast), then
///    the inverted image (light-on-dark codes) and a 2× upscale of the working image;
/// 4. strong perspective: our own finder- and alignment-pattern search, a homography, and the symbol redrawn upright
///    for zbar;
/// 5. the full resolution last, for tiny codes in big frames, when the passes above looked at a shrunk copy.
///
/// ``scanOnce(_:)`` is one plain zbar pass, for comparison.
public struct QRScanner: Sendable {
    /// The memory bound for decoding files.
    public var limits: ImageLimits
    /// The longer side of the working image; bigger images are scanned downscaled first.
    public var workingSize: Int

    public init(limits: ImageLimits = ImageLimits(), workingSize: Int = 1200) {
        self.limits = limits
        self.workingSize = workingSize
    }

    /// Decodes an image file and scans it with the pipeline.
    ///
    /// - Parameter imageData: a PNG, JPEG, PNM or WebP file's bytes.
    /// - Returns: every code found by the first pass that found any, corners in full-size image pixels.
    /// - Throws: the decoding errors of ``GrayImage/init(decoding:limits:)``.
    public func scan(imageData: [UInt8]) throws(QRImagingError) -> [QRSymbol] {
        let reduced = try ImageDecoder.decode(imageData, limits: limits, reduceTo: workingSize)
        let pipeline = ScanPipeline(working: reduced.image, fullScale: reduced.scale, workingSize: workingSize)
        if let found = pipeline.run() { return found }
        // Full resolution last. DCT scaling left pixels out, so decode again without it; any other decode is already
        // full size, and the pipeline skips it when the working passes saw all of it.
        let full =
            if reduced.scale < 1 {
                try ImageDecoder.decode(imageData, limits: limits, reduceTo: nil).image
            } else {
                reduced.image
            }
        return pipeline.runFullResolution(full) ?? []
    }

    /// Scans decoded pixels with the pipeline.
    ///
    /// - Returns: every code found by the first pass that found any, corners in `image`'s pixels.
    public func scan(_ image: GrayImage) -> [QRSymbol] {
        let pipeline = ScanPipeline(working: image, fullScale: 1, workingSize: workingSize)
        return pipeline.run() ?? pipeline.runFullResolution(image) ?? []
    }

    /// One zbar pass over the pixels as they are, without the pipeline.
    public func scanOnce(_ image: GrayImage) -> [QRSymbol] { ZBarScanner().scan(image) }
}

/// The passes of one scan, sharing one zbar scanner.
struct ScanPipeline {
    let zbar = ZBarScanner()
    /// The decoded image, possibly reduced by DCT scaling.
    let working: GrayImage
    /// `working`'s size against the full image.
    let fullScale: Double
    /// The longer side the working passes shrink `working` to.
    let workingSize: Int
    /// What the working passes start from: `working`, shrunk to `workingSize` when it is larger.
    let base: GrayImage

    init(working: GrayImage, fullScale: Double, workingSize: Int) {
        self.working = working
        self.fullScale = fullScale
        self.workingSize = workingSize
        base = working.downscaled(toLongSide: workingSize)
    }

    /// The passes up to, not including, the full resolution.
    func run() -> [QRSymbol]? {
        if let found = attempt(base) { return found }
        for target in [workingSize * 2 / 3, workingSize * 2 / 5] where base.longSide * 4 > target * 5 {
            if let found = attempt(base.downscaled(toLongSide: target)) { return found }
        }
        if base.longSide < 500, let found = attempt(base.upscaled(by: 2)) { return found }
        if let found = attempt(base.otsuThresholded()) { return found }
        for divisor in [16, 8] {
            if let found = attempt(base.adaptiveThresholded(radius: max(4, base.longSide / divisor))) { return found }
        }
        // Sensor noise and JPEG artefacts: smooth, then threshold.
        let smooth = base.boxBlurred(radius: 1)
        if let found = attempt(smooth.otsuThresholded()) { return found }
        let smoothBinary = smooth.adaptiveThresholded(radius: max(4, smooth.longSide / 16))
        if let found = attempt(smoothBinary) { return found }
        // Low contrast: dark modules only a few percent below their surroundings, in a smaller window.
        if let found = attempt(smooth.adaptiveThresholded(radius: max(4, base.longSide / 40), percent: 5)) {
            return found
        }
        let small = base.downscaled(toLongSide: workingSize / 2)
        if small.longSide < base.longSide,
            let found = attempt(small.adaptiveThresholded(radius: max(4, small.longSide / 16)))
        {
            return found
        }
        if let found = attempt(base.inverted()) { return found }
        // Small modules: zbar needs a few pixels per module.
        let enlarged = smooth.upscaled(by: 2)
        if let found = attempt(enlarged) { return found }
        // Strong perspective: find the patterns ourselves, unwarp, and let zbar read the redrawn symbol. The unsmoothed
        // upscale last: a far, foreshortened finder is only a few pixels wide and smoothing closes its light ring.
        // The smoothed image's threshold is the one already tried above.
        return rectify(smooth, binary: smoothBinary) ?? rectify(enlarged) ?? rectify(base.upscaled(by: 2))
    }

    /// The strong-perspective pass over `source`: each symbol the rectifier redraws upright from `binary` (by default
    /// `source` thresholded), handed to zbar as soon as it is drawn, until one decodes.
    private func rectify(_ source: GrayImage, binary: GrayImage? = nil) -> [QRSymbol]? {
        let binary = binary ?? source.adaptiveThresholded(radius: max(4, source.longSide / 16))
        return QRRectifier(image: binary).firstRead { upright in
            let found = zbar.scan(upright.image)
            return found.isEmpty ? nil : toFullSize(found, sourceWidth: source.width, upright.sourcePoint)
        }
    }

    /// The last passes: the full-size image `full` as it is, then thresholded.
    ///
    /// - Returns: the codes found, corners in `full`'s pixels; `nil` when none was, or without a pass when `full` has
    ///   no more pixels than `base`, which the working passes have already seen.
    func runFullResolution(_ full: GrayImage) -> [QRSymbol]? {
        guard full.longSide > base.longSide else { return nil }
        // Already in full-size pixels: no corner mapping.
        let found = zbar.scan(full)
        if !found.isEmpty { return found }
        let binary = zbar.scan(full.adaptiveThresholded(radius: max(8, full.longSide / 32)))
        return binary.isEmpty ? nil : binary
    }

    /// One zbar pass over `image`, with corners mapped back to full-size pixels.
    private func attempt(_ image: GrayImage) -> [QRSymbol]? {
        let found = zbar.scan(image)
        guard !found.isEmpty else { return nil }
        return toFullSize(found, sourceWidth: image.width) { QRRectifier.Point(x: Double($0.x), y: Double($0.y)) }
    }

    /// `symbols` with their corners taken to full-size pixels: first through `toSource` into the pixels of an image
    /// `sourceWidth` wide, then scaled.
    private func toFullSize(
        _ symbols: [QRSymbol], sourceWidth: Int, _ toSource: (QRPoint) -> QRRectifier.Point
    ) -> [QRSymbol] {
        let factor = Double(working.width) / fullScale / Double(sourceWidth)
        return symbols.map { symbol in
            let corners = symbol.corners.map { corner in
                let point = toSource(corner)
                return QRPoint(x: Int((point.x * factor).rounded()), y: Int((point.y * factor).rounded()))
            }
            return QRSymbol(bytes: symbol.bytes, corners: corners)
        }
    }
}
