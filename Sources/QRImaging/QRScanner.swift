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
///    thresholded, and the perspective search on that threshold when the decode shrank the file;
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
        try scan(imageData: imageData, within: ScanBudget(cpuBudget))
    }

    /// ``scan(imageData:)`` within `budget` instead of ``cpuBudget``, which the caller can then ask what the scan
    /// spent.
    package func scan(imageData: [UInt8], within budget: ScanBudget) throws(QRImagingError) -> [QRSymbol] {
        try read(imageData: imageData, within: budget)?.symbols ?? []
    }

    /// Scans decoded pixels with the pipeline.
    ///
    /// - Returns: every code found by the first pass that found any, corners in `image`'s pixels.
    /// - Throws: ``QRImagingError/Code/timeLimit`` when the scan used up ``cpuBudget``.
    public func scan(_ image: GrayImage) throws(QRImagingError) -> [QRSymbol] {
        try scan(image, within: ScanBudget(cpuBudget))
    }

    /// ``scan(_:)`` within `budget` instead of ``cpuBudget``.
    package func scan(_ image: GrayImage, within budget: ScanBudget) throws(QRImagingError) -> [QRSymbol] {
        let pipeline = ScanPipeline(working: image, fullScale: 1, workingSize: workingSize, budget: budget)
        return try pipeline.run { image }?.symbols ?? []
    }

    /// Decodes an image file and scans it with the pipeline, as ``scan(imageData:)`` does, and says which pass read
    /// the codes: for measuring the pass order (imaging-bench).
    ///
    /// - Parameter imageData: a PNG, JPEG, PNM or WebP file's bytes.
    /// - Returns: the codes, as ``scan(imageData:)`` returns them, and the pass that found them; `nil` for the pass
    ///   when no pass found any.
    /// - Throws: what ``scan(imageData:)`` throws.
    @_spi(Measurement)
    public func scanReportingPass(imageData: [UInt8]) throws(QRImagingError) -> (symbols: [QRSymbol], pass: ScanPass?) {
        let read = try read(imageData: imageData, within: ScanBudget(cpuBudget))
        return (read?.symbols ?? [], read?.pass)
    }

    /// The pipeline over a file's bytes: the codes and the pass that found them, or nil.
    private func read(
        imageData: [UInt8], within budget: ScanBudget
    ) throws(QRImagingError) -> (symbols: [QRSymbol], pass: ScanPass)? {
        let reduced = try ImageDecoder.decode(imageData, limits: limits, reduceTo: workingSize)
        let pipeline = ScanPipeline(
            working: reduced.image, fullScale: reduced.scale, workingSize: workingSize, budget: budget)
        // DCT scaling left pixels out, so the full resolution is a second decode; any other decode is already full
        // size, and the pipeline skips it when the working passes saw all of it.
        return try pipeline.run { () throws(QRImagingError) in
            guard reduced.scale < 1 else { return reduced.image }
            try budget.check()
            return try ImageDecoder.decode(imageData, limits: limits, reduceTo: nil).image
        }
    }

    /// One zbar pass over the pixels as they are, without the pipeline.
    public func scanOnce(_ image: GrayImage) -> [QRSymbol] { ZBarScanner().scan(image) }
}

/// The passes of one scan, sharing one zbar scanner and the images they derive.
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
    /// The scan's CPU budget, checked before every pass and filter, and inside the rectifier's loops.
    let budget: ScanBudget

    init(working: GrayImage, fullScale: Double, workingSize: Int, budget: ScanBudget) {
        self.working = working
        self.fullScale = fullScale
        self.workingSize = workingSize
        self.budget = budget
        base = working.downscaled(toLongSide: workingSize)
    }

    /// The passes in the order they run: the order ``ScanPass`` declares, measured on the photo fixtures
    /// (Performance.md).
    static let order = ScanPass.allCases

    /// The fewest finder patterns the working-size adaptive threshold must show for the passes that
    /// ``ScanPass/needsFinderEvidence`` to run: one below the three a symbol has, for a finder the search misses.
    static let minimumFinders = 2

    /// Where ``ScanPass/denseRectifier`` searches.
    enum DenseSearch {
        /// Nowhere: no three finder patterns under 2.5 px a module, or no pixels beyond the working image's.
        case none
        /// The image as decoded.
        case decoded
        /// The full-size threshold: the decode shrank the file, and the modules are under 3 px even as decoded.
        case fullSize
    }

    /// Runs the passes of ``order`` until one reads a code. The images the passes look at are derived once, when a
    /// pass first needs them; the window filters of one image share its summed-area table. `full` gives the full-size
    /// image, decoded only when a pass needs it.
    ///
    /// - Returns: the codes the first successful pass found, and that pass; or nil.
    func run(
        full: () throws(QRImagingError) -> GrayImage
    ) throws(QRImagingError) -> (symbols: [QRSymbol], pass: ScanPass)? {
        var fullSize: GrayImage?
        var fullThreshold: GrayImage?
        var baseWindows: IntegralImage?
        var baseThreshold: GrayImage?
        var baseFinders: [QRRectifier.Candidate]?
        var dense: DenseSearch?
        var smoothed: GrayImage?
        var smoothWindows: IntegralImage?
        var smoothThreshold: GrayImage?
        var smoothFinders: [QRRectifier.Candidate]?
        var lowContrastThreshold: GrayImage?
        /// `slot`'s value, made by `make` after a check of the budget when there is none yet.
        func once<Value>(
            _ slot: inout Value?, _ make: () throws(QRImagingError) -> Value
        ) throws(QRImagingError) -> Value {
            if let value = slot { return value }
            try budget.check()
            let value = try make()
            slot = value
            return value
        }
        func fullImage() throws(QRImagingError) -> GrayImage { try once(&fullSize, full) }
        func fullBinary() throws(QRImagingError) -> GrayImage {
            let image = try fullImage()
            return try once(&fullThreshold) { image.adaptiveThresholded(radius: max(8, image.longSide / 32)) }
        }
        func windows() throws(QRImagingError) -> IntegralImage { try once(&baseWindows) { IntegralImage(base) } }
        func binary() throws(QRImagingError) -> GrayImage {
            let windows = try windows()
            return try once(&baseThreshold) { windows.adaptiveThresholded(radius: max(4, base.longSide / 16)) }
        }
        func finders() throws(QRImagingError) -> [QRRectifier.Candidate] {
            let binary = try binary()
            return try once(&baseFinders) { QRRectifier(image: binary, budget: budget).finderPatterns() }
        }
        func denseSearch() throws(QRImagingError) -> DenseSearch {
            let finders = try finders()
            return try once(&dense) { () throws(QRImagingError) in
                let modules = finders.map(\.moduleSize).filter { $0 < 2.5 }.sorted()
                guard working.longSide > base.longSide, modules.count >= 3 else { return .none }
                let workingModule = modules[modules.count / 2] * Double(working.longSide) / Double(base.longSide)
                return fullScale < 1 && workingModule < 3 ? .fullSize : .decoded
            }
        }
        func smooth() throws(QRImagingError) -> GrayImage {
            let windows = try windows()
            return try once(&smoothed) { windows.boxBlurred(radius: 1) }
        }
        func smoothBinary() throws(QRImagingError) -> GrayImage {
            let smooth = try smooth()
            let windows = try once(&smoothWindows) { IntegralImage(smooth) }
            return try once(&smoothThreshold) { windows.adaptiveThresholded(radius: max(4, smooth.longSide / 16)) }
        }
        func smoothFinderPatterns() throws(QRImagingError) -> [QRRectifier.Candidate] {
            let binary = try smoothBinary()
            return try once(&smoothFinders) { QRRectifier(image: binary, budget: budget).finderPatterns() }
        }
        func lowContrast() throws(QRImagingError) -> GrayImage {
            _ = try smoothBinary()
            let windows = smoothWindows!
            return try once(&lowContrastThreshold) {
                windows.adaptiveThresholded(radius: max(4, base.longSide / 40), percent: 5)
            }
        }
        /// The full-size image, when it has more pixels than `base`: otherwise the working passes saw all of it.
        func biggerFullImage() throws(QRImagingError) -> GrayImage? {
            let image = try fullImage()
            return image.longSide > base.longSide ? image : nil
        }

        func perform(_ pass: ScanPass) throws(QRImagingError) -> [QRSymbol]? {
            // On the fixtures no image these passes read first showed fewer than three finder patterns in the
            // working-size threshold; with fewer than two there is no symbol there for them to bring out.
            if pass.needsFinderEvidence, try finders().count < Self.minimumFinders { return nil }
            switch pass {
            case .working:
                return try attempt(base)
            case .downscaled, .downscaledMore:
                let target = pass == .downscaled ? workingSize * 2 / 3 : workingSize * 2 / 5
                guard base.longSide * 4 > target * 5 else { return nil }
                try budget.check()
                return try attempt(base.downscaled(toLongSide: target))
            case .upscaled:
                guard base.longSide < 500 else { return nil }
                return try attempt(base.upscaled(by: 2))
            case .adaptive:
                return try attempt(try binary())
            case .denseRectifier:
                switch try denseSearch() {
                case .none: return nil
                case .decoded: return try rectify(working)
                case .fullSize: return try rectify(try fullImage(), binary: try fullBinary())
                }
            case .wideAdaptive:
                let windows = try windows()
                try budget.check()
                return try attempt(windows.adaptiveThresholded(radius: max(4, base.longSide / 8)))
            case .smoothOtsu:
                return try attempt(try smooth().otsuThresholded())
            case .smoothAdaptive:
                return try attempt(try smoothBinary())
            case .smoothRectifier:
                // A few milliseconds when the threshold shows no finder triple.
                let finders = try smoothFinderPatterns()
                return try rectify(try smooth(), binary: try smoothBinary(), finders: finders)
            case .lowContrast:
                return try attempt(try lowContrast())
            case .inverted:
                return try attempt(base.inverted())
            case .decodedRectifier:
                guard working.longSide > base.longSide, try denseSearch() == .none else { return nil }
                return try rectify(working)
            case .full:
                // Already in full-size pixels: no corner mapping.
                guard let full = try biggerFullImage() else { return nil }
                try budget.check()
                let found = zbar.scan(full)
                return found.isEmpty ? nil : found
            case .fullAdaptive:
                guard try biggerFullImage() != nil else { return nil }
                let binary = try fullBinary()
                try budget.check()
                let found = zbar.scan(binary)
                return found.isEmpty ? nil : found
            case .fullRectifier:
                guard fullScale < 1, try denseSearch() != .fullSize, let full = try biggerFullImage() else {
                    return nil
                }
                return try rectify(full, binary: try fullBinary())
            case .upscaledRectifier:
                // On the fixtures the upscale never read a code when no threshold at the working size showed three
                // finder-like patterns, and it is the dearest pass.
                // All three were made by the passes above.
                let (smoothFinders, baseFinders, lowContrast) = (
                    try smoothFinderPatterns(), try finders(), try lowContrast()
                )
                try budget.check()
                let showsFinderTriple =
                    smoothFinders.count >= 3 || baseFinders.count >= 3
                    || QRRectifier(image: lowContrast, budget: budget).finderPatterns().count >= 3
                try budget.check()
                guard showsFinderTriple else { return nil }
                // Smoothing closes the light ring of small finders: the unsmoothed upscale.
                return try rectify(base.upscaled(by: 2))
            }
        }
        for pass in Self.order {
            if let found = try perform(pass) { return (found, pass) }
        }
        return nil
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
