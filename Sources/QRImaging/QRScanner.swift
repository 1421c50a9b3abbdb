/// Finds and reads QR codes in images, from clean renders to 12-megapixel phone photos.
///
/// ``scan(imageData:)`` and ``scan(_:)`` run a pipeline of zbar passes, stopping at the first that finds a code:
///
/// 1. the image at a working size (a JPEG is decoded straight to it with DCT scaling), then smaller sizes;
/// 2. an upscale of small images;
/// 3. adaptive thresholds in two window sizes, then the image smoothed, at a global (Otsu) and at an adaptive
///    threshold; in a big photo whose finders are under 2.5 px a module there, our own perspective search (below) on
///    the image before it was shrunk, for dense codes: at the file's full size, right after the first adaptive
///    threshold, when the decode shrank the file and the modules are under 3 px even in the decoded image;
/// 4. strong perspective: our own finder- and alignment-pattern search, a homography, and the symbol redrawn upright
///    for zbar, on the smoothed threshold;
/// 5. a threshold tuned for low contrast, and the inverted image (light-on-dark codes);
/// 6. the full resolution, for tiny codes in big frames, when the passes above looked at a shrunk copy: as it is,
///    thresholded, and the perspective search on that threshold;
/// 7. the perspective search on a 2× upscale, unless no threshold above showed three finder-like patterns.
///
/// Every scan of one image runs within ``cpuBudget`` of CPU time on the calling thread; one that runs out throws
/// ``QRImagingError/Code/timeLimit``.
///
/// ``scanOnce(_:)`` is one plain zbar pass, for comparison.
public struct QRScanner: Sendable {
    /// The memory bound for decoding files.
    public var limits: ImageLimits
    /// The longer side of the working image; bigger images are scanned downscaled first.
    public var workingSize: Int
    /// The CPU time one image's scan may take on the calling thread, decoding the file included: ``defaultCPUBudget``
    /// unless set.
    public var cpuBudget: Duration

    /// The default ``cpuBudget``: 0.9 s, about twice the slowest successful scan of the photo fixtures, and past the
    /// slowest failing one (Performance.md).
    public static let defaultCPUBudget = Duration.milliseconds(900)

    public init(limits: ImageLimits = ImageLimits(), workingSize: Int = 1200, cpuBudget: Duration = defaultCPUBudget) {
        self.limits = limits
        self.workingSize = workingSize
        self.cpuBudget = cpuBudget
    }

    /// Decodes an image file and scans it with the pipeline.
    ///
    /// - Parameter imageData: a PNG, JPEG, PNM or WebP file's bytes.
    /// - Returns: every code found by the first pass that found any, corners in full-size image pixels.
    /// - Throws: the decoding errors of ``GrayImage/init(decoding:limits:)``, and ``QRImagingError/Code/timeLimit``
    ///   when the scan used up ``cpuBudget``.
    public func scan(imageData: [UInt8]) throws(QRImagingError) -> [QRSymbol] {
        let budget = ScanBudget(cpuBudget)
        let reduced = try ImageDecoder.decode(imageData, limits: limits, reduceTo: workingSize)
        let pipeline = ScanPipeline(
            working: reduced.image, fullScale: reduced.scale, workingSize: workingSize, budget: budget)
        // DCT scaling left pixels out, so the full resolution is a second decode; any other decode is already full
        // size, and the pipeline skips it when the working passes saw all of it.
        let found = try pipeline.run { () throws(QRImagingError) in
            guard reduced.scale < 1 else { return reduced.image }
            try budget.check()
            return try ImageDecoder.decode(imageData, limits: limits, reduceTo: nil).image
        }
        return found ?? []
    }

    /// Scans decoded pixels with the pipeline.
    ///
    /// - Returns: every code found by the first pass that found any, corners in `image`'s pixels.
    /// - Throws: ``QRImagingError/Code/timeLimit`` when the scan used up ``cpuBudget``.
    public func scan(_ image: GrayImage) throws(QRImagingError) -> [QRSymbol] {
        let pipeline = ScanPipeline(
            working: image, fullScale: 1, workingSize: workingSize, budget: ScanBudget(cpuBudget))
        return try pipeline.run { image } ?? []
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
    /// The scan's CPU budget, checked before every pass and inside the rectifier's loops.
    let budget: ScanBudget

    init(working: GrayImage, fullScale: Double, workingSize: Int, budget: ScanBudget) {
        self.working = working
        self.fullScale = fullScale
        self.workingSize = workingSize
        self.budget = budget
        base = working.downscaled(toLongSide: workingSize)
    }

    /// The passes in the order measured on the photo fixtures (Performance.md): the passes that read most codes, and
    /// the cheap ones, first; passes that read none of them are gone. The window filters of one image share its
    /// summed-area table. `full` gives the full-size image, decoded only when the passes reach it.
    ///
    /// - Returns: the codes the first successful pass found, or nil.
    func run(full: () throws(QRImagingError) -> GrayImage) throws(QRImagingError) -> [QRSymbol]? {
        // The full-size image and its threshold, each made once, when a pass first needs it.
        var fullSize: (image: GrayImage, binary: GrayImage?)?
        func fullImage() throws(QRImagingError) -> GrayImage {
            if let fullSize { return fullSize.image }
            let image = try full()
            fullSize = (image, nil)
            return image
        }
        func fullBinary() throws(QRImagingError) -> GrayImage {
            if let binary = fullSize?.binary { return binary }
            let image = try fullImage()
            try budget.check()
            let binary = image.adaptiveThresholded(radius: max(8, image.longSide / 32))
            fullSize = (image, binary)
            return binary
        }
        if let found = try attempt(base) { return found }
        for target in [workingSize * 2 / 3, workingSize * 2 / 5] where base.longSide * 4 > target * 5 {
            try budget.check()
            if let found = try attempt(base.downscaled(toLongSide: target)) { return found }
        }
        if base.longSide < 500, let found = try attempt(base.upscaled(by: 2)) { return found }
        // Glare and uneven light: thresholds against the local mean, in two window sizes.
        try budget.check()
        let baseWindows = IntegralImage(base)
        let baseBinary = baseWindows.adaptiveThresholded(radius: max(4, base.longSide / 16))
        if let found = try attempt(baseBinary) { return found }
        // Dense codes in big photos: finders under 2.5 px a module at the working size mean modules too small for
        // zbar here; the rectifier on the image as decoded, before it was shrunk, where zbar's own detector also gives
        // up on many small modules under perspective.
        try budget.check()
        let baseFinders = QRRectifier(image: baseBinary, budget: budget).finderPatterns()
        let denseFinders = baseFinders.map(\.moduleSize).filter { $0 < 2.5 }.sorted()
        let denseInBigPhoto = working.longSide > base.longSide && denseFinders.count >= 3
        // When the decode shrank the file too (a JPEG's DCT scaling) and the modules are under 3 px in `working` as
        // well, the rectifier on the full-size threshold instead, and before the other working passes: there a
        // version 40 at 4 px a module in a 3000 px frame reads in a fraction of the budget.
        var rectifiedFull = false
        if denseInBigPhoto {
            let workingModule = denseFinders[denseFinders.count / 2] * Double(working.longSide) / Double(base.longSide)
            if fullScale < 1, workingModule < 3 {
                rectifiedFull = true
                if let found = try rectify(try fullImage(), binary: try fullBinary()) { return found }
            } else if let found = try rectify(working) {
                return found
            }
        }
        try budget.check()
        if let found = try attempt(baseWindows.adaptiveThresholded(radius: max(4, base.longSide / 8))) { return found }
        // Sensor noise and JPEG artefacts: smooth, then threshold.
        try budget.check()
        let smooth = baseWindows.boxBlurred(radius: 1)
        if let found = try attempt(smooth.otsuThresholded()) { return found }
        try budget.check()
        let smoothWindows = IntegralImage(smooth)
        let smoothBinary = smoothWindows.adaptiveThresholded(radius: max(4, smooth.longSide / 16))
        if let found = try attempt(smoothBinary) { return found }
        // Strong perspective: find the patterns ourselves, unwarp, and let zbar read the redrawn symbol; on the
        // threshold just tried, which costs a few milliseconds when it finds no finder triple.
        try budget.check()
        let smoothFinders = QRRectifier(image: smoothBinary, budget: budget).finderPatterns()
        if let found = try rectify(smooth, binary: smoothBinary, finders: smoothFinders) { return found }
        // Low contrast: dark modules only a few percent below their surroundings, in a smaller window.
        try budget.check()
        let lowContrast = smoothWindows.adaptiveThresholded(radius: max(4, base.longSide / 40), percent: 5)
        if let found = try attempt(lowContrast) { return found }
        if let found = try attempt(base.inverted()) { return found }
        // The same for big photos whose finders showed only after smoothing.
        if working.longSide > base.longSide, !denseInBigPhoto, let found = try rectify(working) { return found }
        // Tiny codes in big frames: the real pixels, when the passes above saw a shrunk copy, before any upscale.
        if let found = try runFullResolution(try fullImage(), binary: fullBinary, rectify: !rectifiedFull) {
            return found
        }
        // When no threshold at the working size shows three finder-like patterns there is no symbol for the upscale
        // to bring out (on the fixtures it never read one then), and it is the dearest pass.
        try budget.check()
        let showsFinderTriple =
            smoothFinders.count >= 3 || baseFinders.count >= 3
            || QRRectifier(image: lowContrast, budget: budget).finderPatterns().count >= 3
        guard showsFinderTriple else {
            try budget.check()
            return nil
        }
        // Far, foreshortened finders are only a few pixels wide: the rectifier on the unsmoothed upscale, since
        // smoothing closes their light ring.
        try budget.check()
        return try rectify(base.upscaled(by: 2))
    }

    /// The strong-perspective pass over `source`: each symbol the rectifier redraws upright from `binary` (by default
    /// `source` thresholded), handed to zbar as soon as it is drawn, until one decodes.
    ///
    /// - Parameter finders: the finder patterns in `binary`, when already found.
    private func rectify(
        _ source: GrayImage, binary: GrayImage? = nil, finders: [QRRectifier.Candidate]? = nil
    ) throws(QRImagingError) -> [QRSymbol]? {
        try budget.check()
        let binary = binary ?? source.adaptiveThresholded(radius: max(4, source.longSide / 16))
        let found = QRRectifier(image: binary, budget: budget).firstRead(finders: finders) { upright in
            let found = zbar.scan(upright.image)
            return found.isEmpty ? nil : toFullSize(found, sourceWidth: source.width, upright.sourcePoint)
        }
        // The rectifier gives up quietly when the budget runs out; say so rather than "no code".
        if found == nil { try budget.check() }
        return found
    }

    /// The full-size image `full` as it is, then thresholded (`binary` gives the threshold), then the rectifier on
    /// that threshold unless `rectify` is false.
    ///
    /// - Returns: the codes found, corners in `full`'s pixels; `nil` when none was, or without a pass when `full` has
    ///   no more pixels than `base`, which the working passes have already seen.
    private func runFullResolution(
        _ full: GrayImage, binary thresholded: () throws(QRImagingError) -> GrayImage, rectify rectifies: Bool
    ) throws(QRImagingError) -> [QRSymbol]? {
        guard full.longSide > base.longSide else { return nil }
        // Already in full-size pixels: no corner mapping.
        try budget.check()
        let found = zbar.scan(full)
        if !found.isEmpty { return found }
        let binaryImage = try thresholded()
        try budget.check()
        let binary = zbar.scan(binaryImage)
        if !binary.isEmpty { return binary }
        // Dense codes whose modules the working image shrank under 2 px: the rectifier on the same threshold.
        guard rectifies else { return nil }
        return try rectify(full, binary: binaryImage)
    }

    /// One zbar pass over `image`, with corners mapped back to full-size pixels; first a check of the budget.
    private func attempt(_ image: GrayImage) throws(QRImagingError) -> [QRSymbol]? {
        try budget.check()
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
            return QRSymbol(bytes: symbol.bytes, corners: corners, structuredAppend: symbol.structuredAppend)
        }
    }
}
