/// Undoes strong perspective, which libzbar's detector does not cope with: finds the three finder patterns and the
/// alignment pattern in a black-and-white image, fits a homography from module coordinates to pixels, samples every
/// module, and redraws the symbol upright and clean for zbar to read. The method is ZXing's detector, simplified.
struct QRRectifier {
    /// A binarized image: 0 dark, 255 light.
    let image: GrayImage
    /// The scan's CPU budget: once it runs out, every search here stops and finds nothing.
    let budget: ScanBudget

    struct Point {
        var x: Double
        var y: Double
    }

    struct Candidate {
        var center: Point
        var moduleSize: Double
        var hits: Int
    }

    /// A redrawn symbol and the way back from its pixels to the source image's.
    struct Upright {
        /// The symbol, 4 px per module, with a 4-module quiet zone.
        let image: GrayImage
        let transform: Homography

        static let scale = 4
        static let quiet = 4

        /// The source-image point under pixel `point` of ``image``.
        func sourcePoint(_ point: QRPoint) -> Point {
            let module = Point(
                x: Double(point.x) / Double(Self.scale) - Double(Self.quiet),
                y: Double(point.y) / Double(Self.scale) - Double(Self.quiet)
            )
            return transform.apply(module)
        }
    }

    /// Redraws candidate symbols upright, best guess first, each only when `read` is about to see it, and stops at
    /// the first that `read` accepts.
    ///
    /// - Parameters:
    ///   - finders: ``finderPatterns()`` of ``image``, when already found.
    ///   - read: tries one candidate; nil when it cannot be read.
    /// - Returns: what `read` gave for the first candidate it read, or nil when it read none.
    func firstRead<Result>(finders: [Candidate]? = nil, _ read: (Upright) -> Result?) -> Result? {
        let finders = finders ?? finderPatterns()
        guard finders.count >= 3 else { return nil }
        for triple in bestTriples(finders).prefix(2) {
            let (topLeft, topRight, bottomLeft) = oriented(triple)
            for candidateDimension in Self.dimensions(topLeft, topRight, bottomLeft) {
                if budget.isExhausted { return nil }
                if let symbol = sample(topLeft.center, topRight, bottomLeft, candidateDimension),
                    let result = read(symbol)
                {
                    return result
                }
            }
        }
        // Then strong perspective, where the apparent module size varies more across the symbol: the fourth corner
        // from the finders' own edges, the alignment pattern on the local module grid, and the size from the
        // finders' cross-ratio first.
        for triple in bestTriples(finders, maximumSpread: 3).prefix(4) {
            if budget.isExhausted { return nil }
            let (topLeft, topRight, bottomLeft) = oriented(triple)
            guard let quads = finderQuads(topLeft, topRight, bottomLeft) else { continue }
            var sizes = Self.dimensions(topLeft, topRight, bottomLeft)
            if let measured = Self.dimension(from: quads) {
                sizes = [measured, measured + 4, measured - 4] + sizes
            }
            var seen = Set<Int>()
            for candidateDimension in sizes where (21...177).contains(candidateDimension) {
                guard seen.insert(candidateDimension).inserted else { continue }
                for transform in perspectiveTransforms(quads, dimension: candidateDimension) {
                    if budget.isExhausted { return nil }
                    if let symbol = sample(transform, candidateDimension), let result = read(symbol) { return result }
                }
            }
        }
        return nil
    }

    /// Likely symbol sizes from the finders' distance apart in module sizes, nearest first.
    private static func dimensions(_ topLeft: Candidate, _ topRight: Candidate, _ bottomLeft: Candidate) -> [Int] {
        let moduleSize = (topLeft.moduleSize + topRight.moduleSize + bottomLeft.moduleSize) / 3
        let across = (distance(topLeft.center, topRight.center) + distance(topLeft.center, bottomLeft.center)) / 2
        var dimension = Int((across / moduleSize).rounded()) + 7
        switch dimension % 4 {
        case 0: dimension += 1
        case 2: dimension -= 1
        case 3: dimension += 2
        default: break
        }
        return [dimension, dimension + 4, dimension - 4, dimension + 8, dimension - 8].filter {
            (21...177).contains($0)
        }
    }

    // MARK: Finder patterns

    func dark(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < image.width && y < image.height && image.pixels[y * image.width + x] < 128
    }

    /// Whether run lengths look like 1:1:3:1:1.
    private static func finderRatio(_ counts: [Int]) -> Bool {
        let total = counts.reduce(0, +)
        guard total >= 7, counts.allSatisfy({ $0 > 0 }) else { return false }
        let module = Double(total) / 7
        let variance = module / 1.5
        return abs(module - Double(counts[0])) < variance && abs(module - Double(counts[1])) < variance
            && abs(3 * module - Double(counts[2])) < 3 * variance && abs(module - Double(counts[3])) < variance
            && abs(module - Double(counts[4])) < variance
    }

    /// Run lengths of dark-light-dark-light-dark through (x, y) along (dx, dy), centred on the dark middle run;
    /// returns the counts and the centre offset along the line, or nil.
    private func crossCheck(_ x: Int, _ y: Int, dx: Int, dy: Int, limit: Int) -> (counts: [Int], center: Double)? {
        guard dark(x, y) else { return nil }
        var counts = [0, 0, 0, 0, 0]
        var back = 0
        // Backwards: centre run, light, dark edge.
        var state = 2
        while state >= 0 {
            let px = x - dx * (back + 1)
            let py = y - dy * (back + 1)
            guard px >= 0, py >= 0, px < image.width, py < image.height, back < limit else { break }
            let isDark = dark(px, py)
            if isDark != (state % 2 == 0) {
                state -= 1
                if state < 0 { break }
            }
            counts[state] += 1
            back += 1
        }
        counts[2] += 1
        guard counts[0] > 0, counts[1] > 0 else { return nil }
        var forward = 0
        state = 2
        while state <= 4 {
            let px = x + dx * (forward + 1)
            let py = y + dy * (forward + 1)
            guard px >= 0, py >= 0, px < image.width, py < image.height, forward < limit else { break }
            let isDark = dark(px, py)
            if isDark != (state % 2 == 0) {
                state += 1
                if state > 4 { break }
            }
            counts[state] += 1
            forward += 1
        }
        guard counts[3] > 0, counts[4] > 0, Self.finderRatio(counts) else { return nil }
        // Centre of the middle run, relative to (x, y).
        let middleStart = -(back - counts[0] - counts[1])
        return (counts, Double(middleStart) + Double(counts[2]) / 2 - 0.5)
    }

    /// The finder-pattern candidates in ``image``: runs of 1:1:3:1:1 across and down, each seen on at least two scan
    /// rows. A symbol needs three; fewer means no symbol at this resolution and threshold.
    func finderPatterns() -> [Candidate] {
        var candidates: [Candidate] = []
        let limit = max(image.width, image.height) / 4
        for y in 0..<image.height {
            if y % 16 == 0, budget.isExhausted { return [] }
            var counts = [0, 0, 0, 0, 0]
            var state = 0
            for x in 0...image.width {
                let isDark = x < image.width && dark(x, y)
                let wantDark = state % 2 == 0
                if isDark == wantDark {
                    counts[state] += 1
                    continue
                }
                if state < 4 {
                    if state == 0 && !isDark && counts[0] == 0 { continue }
                    state += 1
                    counts[state] = 1
                    continue
                }
                // Five runs complete at x.
                if Self.finderRatio(counts) {
                    let cx = x - counts[4] - counts[3] - counts[2] / 2 - 1
                    if let vertical = crossCheck(cx, y, dx: 0, dy: 1, limit: limit) {
                        let cy = y + Int(vertical.center.rounded())
                        // A one-pixel gap at the vertical centre can break the row there; the scan row matched.
                        if let horizontal = crossCheck(cx, cy, dx: 1, dy: 0, limit: limit)
                            ?? crossCheck(cx, y, dx: 1, dy: 0, limit: limit)
                        {
                            let center = Point(x: Double(cx) + horizontal.center, y: Double(cy))
                            let size = Double(horizontal.counts.reduce(0, +) + vertical.counts.reduce(0, +)) / 14
                            add(Candidate(center: center, moduleSize: size, hits: 1), to: &candidates)
                        }
                    }
                }
                counts = [counts[2], counts[3], counts[4], 1, 0]
                state = 3
            }
        }
        return candidates.filter { $0.hits >= 2 }
    }

    private func add(_ candidate: Candidate, to candidates: inout [Candidate]) {
        for i in candidates.indices {
            let other = candidates[i]
            if distance(other.center, candidate.center) < other.moduleSize * 2,
                abs(other.moduleSize - candidate.moduleSize) < other.moduleSize * 0.6
            {
                let n = Double(other.hits)
                candidates[i].center = Point(
                    x: (other.center.x * n + candidate.center.x) / (n + 1),
                    y: (other.center.y * n + candidate.center.y) / (n + 1)
                )
                candidates[i].moduleSize = (other.moduleSize * n + candidate.moduleSize) / (n + 1)
                candidates[i].hits += 1
                return
            }
        }
        candidates.append(candidate)
    }

    /// Triples of candidates with similar module sizes, those seen on the most scan lines first.
    private func bestTriples(_ finders: [Candidate], maximumSpread: Double = 1.5) -> [[Candidate]] {
        let top = Array(finders.sorted { $0.hits > $1.hits }.prefix(8))
        var scored: [(Int, [Candidate])] = []
        for i in 0..<top.count {
            for j in (i + 1)..<top.count {
                for k in (j + 1)..<top.count {
                    let sizes = [top[i].moduleSize, top[j].moduleSize, top[k].moduleSize]
                    // Perspective changes the apparent module size a lot; the angle at the top-left stays wide.
                    let spread = (sizes.max()! - sizes.min()!) / sizes.min()!
                    let (a, b, c) = oriented([top[i], top[j], top[k]])
                    let u = Point(x: b.center.x - a.center.x, y: b.center.y - a.center.y)
                    let v = Point(x: c.center.x - a.center.x, y: c.center.y - a.center.y)
                    let cosine = (u.x * v.x + u.y * v.y) / (distance(a.center, b.center) * distance(a.center, c.center))
                    guard spread < maximumSpread, abs(cosine) < 0.6 else { continue }
                    scored.append((top[i].hits + top[j].hits + top[k].hits, [top[i], top[j], top[k]]))
                }
            }
        }
        return scored.sorted { $0.0 > $1.0 }.map(\.1)
    }

    /// (top-left, top-right, bottom-left): top-left is opposite the longest side; the rest by orientation.
    private func oriented(_ triple: [Candidate]) -> (Candidate, Candidate, Candidate) {
        let d01 = distance(triple[0].center, triple[1].center)
        let d12 = distance(triple[1].center, triple[2].center)
        let d02 = distance(triple[0].center, triple[2].center)
        var (a, b, c): (Candidate, Candidate, Candidate)
        if d12 >= d01 && d12 >= d02 {
            (a, b, c) = (triple[0], triple[1], triple[2])
        } else if d02 >= d01 {
            (a, b, c) = (triple[1], triple[0], triple[2])
        } else {
            (a, b, c) = (triple[2], triple[0], triple[1])
        }
        let cross =
            (b.center.x - a.center.x) * (c.center.y - a.center.y)
            - (b.center.y - a.center.y) * (c.center.x - a.center.x)
        if cross < 0 { swap(&b, &c) }
        return (a, b, c)
    }

    // MARK: Alignment and sampling

    /// The best match for an alignment pattern (dark centre, light ring, dark ring) near `estimate`.
    private func alignment(near estimate: Point, moduleSize: Double) -> Point? {
        let radius = Int(moduleSize * 8)
        var best: (score: Int, point: Point)?
        guard estimate.x >= 0, estimate.y >= 0, estimate.x < Double(image.width), estimate.y < Double(image.height)
        else { return nil }
        let cx = Int(estimate.x)
        let cy = Int(estimate.y)
        for y in max(0, cy - radius)...min(image.height - 1, cy + radius) {
            if budget.isExhausted { return nil }
            for x in max(0, cx - radius)...min(image.width - 1, cx + radius) where dark(x, y) {
                var score = 0
                for (dx, dy) in [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)] {
                    let lx = x + Int((Double(dx) * moduleSize).rounded())
                    let ly = y + Int((Double(dy) * moduleSize).rounded())
                    let ox = x + Int((Double(dx) * 2 * moduleSize).rounded())
                    let oy = y + Int((Double(dy) * 2 * moduleSize).rounded())
                    if !dark(lx, ly) { score += 1 }
                    if dark(ox, oy) { score += 1 }
                }
                let distancePenalty = abs(x - cx) + abs(y - cy)
                if score >= 14,
                    best == nil || score > best!.score
                        || (score == best!.score
                            && distancePenalty < Int(abs(best!.point.x - Double(cx)) + abs(best!.point.y - Double(cy))))
                {
                    best = (score, Point(x: Double(x), y: Double(y)))
                }
            }
        }
        return best?.point
    }

    private func sample(_ tl: Point, _ trFinder: Candidate, _ blFinder: Candidate, _ dimension: Int) -> Upright? {
        let (tr, bl) = (trFinder.center, blFinder.center)
        let d = Double(dimension)
        // Where the bottom-right reference lands: the alignment pattern (versions 2+) or the parallelogram corner.
        var sourceBR = Point(x: d - 3.5, y: d - 3.5)
        var imageBR = Point(x: tr.x - tl.x + bl.x, y: tr.y - tl.y + bl.y)
        if dimension > 21 {
            let correction = 1 - 3 / (d - 7)
            let estimate = Point(x: tl.x + correction * (imageBR.x - tl.x), y: tl.y + correction * (imageBR.y - tl.y))
            if let found = alignment(near: estimate, moduleSize: (trFinder.moduleSize + blFinder.moduleSize) / 2) {
                sourceBR = Point(x: d - 6.5, y: d - 6.5)
                imageBR = found
            }
        }
        guard
            let transform = Homography(
                from: [Point(x: 3.5, y: 3.5), Point(x: d - 3.5, y: 3.5), Point(x: 3.5, y: d - 3.5), sourceBR],
                to: [tl, tr, bl, imageBR]
            )
        else { return nil }
        return sample(transform, dimension)
    }

    /// Every module's centre read through `transform` (module coordinates to pixels) and redrawn upright; nil when a
    /// module falls outside the image.
    private func sample(_ transform: Homography, _ dimension: Int) -> Upright? {
        let scale = Upright.scale
        let quiet = Upright.quiet
        let side = (dimension + 2 * quiet) * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for my in 0..<dimension {
            for mx in 0..<dimension {
                let p = transform.apply(Point(x: Double(mx) + 0.5, y: Double(my) + 0.5))
                guard p.x >= 0, p.y >= 0, p.x < Double(image.width), p.y < Double(image.height) else { return nil }
                guard dark(Int(p.x), Int(p.y)) else { continue }
                for y in 0..<scale {
                    let row = ((my + quiet) * scale + y) * side + (mx + quiet) * scale
                    for x in 0..<scale { pixels[row + x] = 0 }
                }
            }
        }
        return Upright(image: GrayImage(uncheckedWidth: side, height: side, pixels: pixels), transform: transform)
    }
}

/// The Euclidean distance between `a` and `b`.
func distance(_ a: QRRectifier.Point, _ b: QRRectifier.Point) -> Double {
    ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
}

/// A plane projective transform fitted to four point pairs.
struct Homography {
    private var h: [Double]

    init(_ h: [Double]) {
        self.h = h
    }

    init?(from source: [QRRectifier.Point], to target: [QRRectifier.Point]) {
        // Solve the 8×8 system A·h = b for h = (h0...h7), h8 = 1.
        var a = [[Double]](repeating: [Double](repeating: 0, count: 9), count: 8)
        for i in 0..<4 {
            let (x, y, u, v) = (source[i].x, source[i].y, target[i].x, target[i].y)
            a[2 * i] = [x, y, 1, 0, 0, 0, -u * x, -u * y, u]
            a[2 * i + 1] = [0, 0, 0, x, y, 1, -v * x, -v * y, v]
        }
        guard let h = Self.solve(a) else { return nil }
        self.h = h
    }

    /// h = (h0...h7, 1) from the augmented 8×9 system `a`, by Gauss-Jordan elimination with partial pivoting.
    static func solve(_ system: [[Double]]) -> [Double]? {
        var a = system
        for column in 0..<8 {
            guard let pivot = (column..<8).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                abs(a[pivot][column]) > 1e-12
            else { return nil }
            a.swapAt(column, pivot)
            for row in 0..<8 where row != column {
                let factor = a[row][column] / a[column][column]
                for k in column..<9 { a[row][k] -= factor * a[column][k] }
            }
        }
        return (0..<8).map { a[$0][8] / a[$0][$0] } + [1]
    }

    /// The projective weight of `p`: the denominator of ``apply(_:)``.
    func weight(_ p: QRRectifier.Point) -> Double { h[6] * p.x + h[7] * p.y + h[8] }

    func apply(_ p: QRRectifier.Point) -> QRRectifier.Point {
        let w = weight(p)
        return QRRectifier.Point(x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w)
    }
}
