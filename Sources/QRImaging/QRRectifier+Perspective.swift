import Glibc

/// Strong keystone, where the parallelogram through the three finder centres misses the fourth corner by modules and
/// the alignment pattern is too distorted for a search along the image axes.
///
/// Each finder pattern's outer square is traced with rays from its centre, and its four corners are placed where the
/// fitted edges meet. The twelve corners give the symbol's size through the cross-ratio of the four corners along each
/// edge (a projective invariant), and a least-squares homography whose fourth corner follows the finders' own edges.
/// That homography predicts the alignment pattern, which is then searched in the symbol's local module grid.
extension QRRectifier {
    /// A finder pattern's outer corners, in its own module coordinates (0, 0), (7, 0), (7, 7), (0, 7).
    typealias FinderQuad = [Point]

    /// Homographies from module coordinates to pixels for a symbol `dimension` modules wide, best guess first.
    func perspectiveTransforms(_ quads: [FinderQuad], dimension: Int) -> [Homography] {
        let d = Double(dimension)
        let offsets = [Point(x: 0, y: 0), Point(x: d - 7, y: 0), Point(x: 0, y: d - 7)]
        let square = [Point(x: 0, y: 0), Point(x: 7, y: 0), Point(x: 7, y: 7), Point(x: 0, y: 7)]
        var modules: [Point] = []
        var pixels: [Point] = []
        for (quad, offset) in zip(quads, offsets) {
            for (corner, pixel) in zip(square, quad) {
                modules.append(Point(x: offset.x + corner.x, y: offset.y + corner.y))
                pixels.append(pixel)
            }
        }
        // Every point of the symbol must map in front of the camera: a fit whose horizon crosses the symbol comes from
        // finders of different symbols, or none.
        let symbolCorners = [Point(x: 0, y: 0), Point(x: d, y: 0), Point(x: 0, y: d), Point(x: d, y: d)]
        guard let finders = Homography(fitting: modules, to: pixels), finders.keepsInFront(symbolCorners) else {
            return []
        }
        guard dimension > 21 else { return [finders] }
        let reference = Point(x: d - 6.5, y: d - 6.5)
        // Under perspective the far corner's modules can look a few times larger than the finders', never more.
        let finderModule = quads.map { distance($0[0], $0[2]) / (7 * 2.0.squareRoot()) }
        let maximumModule = 4 * finderModule.max()!
        guard let found = alignment(near: reference, through: finders, maximumModule: maximumModule) else {
            return [finders]
        }
        // The alignment pattern is the only measurement near the fourth corner: weigh it like a finder.
        let weighted = modules + Array(repeating: reference, count: 4)
        let refined = Homography(fitting: weighted, to: pixels + Array(repeating: found, count: 4))
        return [refined, finders].compactMap { $0 }
    }

    /// The symbol's side in modules from the cross-ratio of the finder corners along its top and left edges (and the
    /// lines 7 modules in), rounded to a valid size; nil when the corners do not fit a projective line.
    static func dimension(from quads: [FinderQuad]) -> Int? {
        let (tl, tr, bl) = (quads[0], quads[1], quads[2])
        let lines = [
            (tl[0], tl[1], tr[0], tr[1]), (tl[3], tl[2], tr[3], tr[2]),
            (tl[0], tl[3], bl[0], bl[3]), (tl[1], tl[2], bl[1], bl[2]),
        ]
        var estimates: [Double] = []
        for (p0, p1, p2, p3) in lines {
            // Positions along the line through p0 and p3; modules 0, 7, d - 7, d.
            let ux = p3.x - p0.x
            let uy = p3.y - p0.y
            let length = (ux * ux + uy * uy).squareRoot()
            guard length > 0 else { continue }
            func along(_ p: Point) -> Double { ((p.x - p0.x) * ux + (p.y - p0.y) * uy) / length }
            let (x1, x2, x3) = (along(p1), along(p2), length)
            guard x1 > 0, x2 > x1, x3 > x2 else { continue }
            let ratio = (x2 * (x3 - x1)) / ((x2 - x1) * x3)
            guard ratio > 1 else { continue }
            estimates.append(7 + 7 * (ratio / (ratio - 1)).squareRoot())
        }
        guard !estimates.isEmpty else { return nil }
        let mean = estimates.reduce(0, +) / Double(estimates.count)
        // Valid sizes are 21, 25, ..., 177.
        let version = Int(((mean - 17) / 4).rounded())
        guard (1...40).contains(version) else { return nil }
        return 17 + 4 * version
    }

    /// The outer corners of the three finders, each in its module order; nil when one cannot be traced.
    func finderQuads(_ topLeft: Candidate, _ topRight: Candidate, _ bottomLeft: Candidate) -> [FinderQuad]? {
        let right = unit(topLeft.center, topRight.center)
        let down = unit(topLeft.center, bottomLeft.center)
        var quads: [FinderQuad] = []
        for finder in [topLeft, topRight, bottomLeft] {
            guard let quad = finderQuad(finder, right: right, down: down) else { return nil }
            quads.append(quad)
        }
        return quads
    }

    /// One finder's outer square: rays from the centre cross dark, light, dark and stop where the outer ring ends.
    private func finderQuad(_ finder: Candidate, right: Point, down: Point) -> FinderQuad? {
        let rays = 96
        let reach = finder.moduleSize * 10
        var boundary: [Point] = []
        for i in 0..<rays {
            let angle = Double(i) * 2 * Double.pi / Double(rays)
            let (dx, dy) = (cos(angle), sin(angle))
            var state = 0
            var t = 0.0
            var edge: Point?
            while t < reach {
                let x = finder.center.x + dx * t
                let y = finder.center.y + dy * t
                let isDark = dark(Int(x.rounded(.down)), Int(y.rounded(.down)))
                if state == 0 && t == 0 && !isDark { break }
                if isDark != (state % 2 == 0) {
                    state += 1
                    if state == 3 {
                        edge = Point(x: finder.center.x + dx * (t - 0.25), y: finder.center.y + dy * (t - 0.25))
                        break
                    }
                }
                t += 0.5
            }
            guard let edge else { continue }
            boundary.append(edge)
        }
        guard boundary.count >= rays * 3 / 4 else { return nil }
        guard let rough = Self.quadrilateralCorners(boundary, center: finder.center) else { return nil }
        let corners = Self.refinedCorners(rough, boundary: boundary)
        // Name the corners: the rotation that best matches the symbol's axes.
        let expected = [
            Point(x: -right.x - down.x, y: -right.y - down.y), Point(x: right.x - down.x, y: right.y - down.y),
            Point(x: right.x + down.x, y: right.y + down.y), Point(x: -right.x + down.x, y: -right.y + down.y),
        ]
        var best = (score: -Double.infinity, shift: 0)
        for shift in 0..<4 {
            var score = 0.0
            for i in 0..<4 {
                let corner = corners[(i + shift) % 4]
                let v = unit(finder.center, corner)
                score += v.x * expected[i].x + v.y * expected[i].y
            }
            if score > best.score { best = (score, shift) }
        }
        return (0..<4).map { corners[($0 + best.shift) % 4] }
    }

    /// The four corners of a convex outline given as points in angular order, in that order: the farthest point from
    /// the centre, the farthest from that, and the farthest on each side of the diagonal between them.
    private static func quadrilateralCorners(_ outline: [Point], center: Point) -> [Point]? {
        func squaredDistance(_ a: Point, _ b: Point) -> Double { (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) }
        guard
            let first = outline.indices.max(by: {
                squaredDistance(outline[$0], center) < squaredDistance(outline[$1], center)
            }),
            let third = outline.indices.max(by: {
                squaredDistance(outline[$0], outline[first]) < squaredDistance(outline[$1], outline[first])
            })
        else { return nil }
        let a = outline[first]
        let b = outline[third]
        func side(_ p: Point) -> Double { (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x) }
        guard let second = outline.indices.max(by: { side(outline[$0]) < side(outline[$1]) }),
            let fourth = outline.indices.min(by: { side(outline[$0]) < side(outline[$1]) }),
            side(outline[second]) > 0, side(outline[fourth]) < 0
        else { return nil }
        let ordered = [first, second, third, fourth].sorted()
        guard Set(ordered).count == 4 else { return nil }
        return ordered.map { outline[$0] }
    }

    /// `corners` moved to where lines fitted to the outline between them meet; a corner stays when its lines are
    /// too short to trust or meet far away.
    private static func refinedCorners(_ corners: [Point], boundary: [Point]) -> [Point] {
        var lines: [(point: Point, direction: Point)?] = []
        for i in 0..<4 {
            let a = corners[i]
            let b = corners[(i + 1) % 4]
            let length = distance(a, b)
            // The points between a and b, away from both corners, where the outline is straight.
            let side = boundary.filter { p in
                let t = ((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / (length * length)
                let offset = abs((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) / length
                return t > 0.15 && t < 0.85 && offset < length * 0.2
            }
            lines.append(side.count >= 3 ? fitLine(side) : nil)
        }
        return (0..<4).map { i in
            guard let incoming = lines[(i + 3) % 4], let outgoing = lines[i],
                let meet = intersection(incoming, outgoing)
            else { return corners[i] }
            return distance(meet, corners[i]) < distance(corners[i], corners[(i + 1) % 4]) * 0.25 ? meet : corners[i]
        }
    }

    /// The total-least-squares line through `points`: their centroid and principal direction.
    private static func fitLine(_ points: [Point]) -> (point: Point, direction: Point) {
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.x } / n
        let my = points.reduce(0) { $0 + $1.y } / n
        var (sxx, sxy, syy) = (0.0, 0.0, 0.0)
        for p in points {
            sxx += (p.x - mx) * (p.x - mx)
            sxy += (p.x - mx) * (p.y - my)
            syy += (p.y - my) * (p.y - my)
        }
        let angle = 0.5 * atan2(2 * sxy, sxx - syy)
        return (Point(x: mx, y: my), Point(x: cos(angle), y: sin(angle)))
    }

    private static func intersection(
        _ a: (point: Point, direction: Point), _ b: (point: Point, direction: Point)
    ) -> Point? {
        let denominator = a.direction.x * b.direction.y - a.direction.y * b.direction.x
        guard abs(denominator) > 1e-6 else { return nil }
        let dx = b.point.x - a.point.x
        let dy = b.point.y - a.point.y
        let t = (dx * b.direction.y - dy * b.direction.x) / denominator
        return Point(x: a.point.x + t * a.direction.x, y: a.point.y + t * a.direction.y)
    }

    /// The alignment pattern (dark centre, light ring, dark ring) nearest to where `transform` puts module point
    /// `reference`, checked on the module grid `transform` gives there, so that strong perspective does not defeat it.
    ///
    /// - Parameter maximumModule: the largest module size in pixels the search accepts at `reference`.
    func alignment(near reference: Point, through transform: Homography, maximumModule: Double) -> Point? {
        let center = transform.apply(reference)
        let east = transform.apply(Point(x: reference.x + 1, y: reference.y))
        let south = transform.apply(Point(x: reference.x, y: reference.y + 1))
        let a = Point(x: east.x - center.x, y: east.y - center.y)
        let b = Point(x: south.x - center.x, y: south.y - center.y)
        let module = max((a.x * a.x + a.y * a.y).squareRoot(), (b.x * b.x + b.y * b.y).squareRoot())
        guard module.isFinite, module > 0.5 else { return nil }
        // The fourth corner of a symbol lies in the image, its modules about the finders' size: a transform that puts
        // it far outside, or on modules thousands of pixels wide, was fitted to finders of no one symbol.
        guard module < maximumModule, center.x >= 0, center.y >= 0, center.x < Double(image.width),
            center.y < Double(image.height)
        else { return nil }
        let radius = Int((module * 4).rounded(.up))
        let cx = Int(center.x)
        let cy = Int(center.y)
        var best: (score: Int, distance: Int, point: Point)?
        for y in max(0, cy - radius)...min(image.height - 1, cy + radius) {
            if budget.isExhausted { return nil }
            for x in max(0, cx - radius)...min(image.width - 1, cx + radius) where dark(x, y) {
                var score = 0
                for j in -2...2 {
                    for i in -2...2 {
                        let px = Double(x) + 0.5 + Double(i) * a.x + Double(j) * b.x
                        let py = Double(y) + 0.5 + Double(i) * a.y + Double(j) * b.y
                        let wantDark = max(abs(i), abs(j)) != 1
                        if dark(Int(px.rounded(.down)), Int(py.rounded(.down))) == wantDark { score += 1 }
                    }
                }
                let distance = abs(x - cx) + abs(y - cy)
                if score >= 23,
                    best == nil || score > best!.score || (score == best!.score && distance < best!.distance)
                {
                    best = (score, distance, Point(x: Double(x) + 0.5, y: Double(y) + 0.5))
                }
            }
        }
        return best?.point
    }
}

private func unit(_ from: QRRectifier.Point, _ to: QRRectifier.Point) -> QRRectifier.Point {
    let dx = to.x - from.x
    let dy = to.y - from.y
    let length = (dx * dx + dy * dy).squareRoot()
    guard length > 0 else { return QRRectifier.Point(x: 0, y: 0) }
    return QRRectifier.Point(x: dx / length, y: dy / length)
}

extension Homography {
    /// Whether every point in `points` maps to a finite point in front of the camera: the projective weight keeps the
    /// sign it has at the origin (one after normalization) and stays away from zero.
    func keepsInFront(_ points: [QRRectifier.Point]) -> Bool {
        points.allSatisfy { weight($0) > 1e-6 }
    }

    /// The homography that best maps `source` onto `target` in the least-squares sense, from four or more pairs.
    ///
    /// Both point sets are first moved to their centroid and scaled to unit spread, which keeps the normal equations
    /// well conditioned.
    init?(fitting source: [QRRectifier.Point], to target: [QRRectifier.Point]) {
        guard source.count == target.count, source.count >= 4 else { return nil }
        func normalization(_ points: [QRRectifier.Point]) -> (mx: Double, my: Double, s: Double) {
            let n = Double(points.count)
            let mx = points.reduce(0) { $0 + $1.x } / n
            let my = points.reduce(0) { $0 + $1.y } / n
            let spread =
                points.reduce(0) { $0 + (($1.x - mx) * ($1.x - mx) + ($1.y - my) * ($1.y - my)).squareRoot() } / n
            return (mx, my, spread > 0 ? 2.0.squareRoot() / spread : 1)
        }
        let ns = normalization(source)
        let nt = normalization(target)
        // Normal equations AᵀA·h = Aᵀb for h = (h0...h7), h8 = 1, in normalized coordinates.
        var ata = [[Double]](repeating: [Double](repeating: 0, count: 9), count: 8)
        for i in source.indices {
            let x = (source[i].x - ns.mx) * ns.s
            let y = (source[i].y - ns.my) * ns.s
            let u = (target[i].x - nt.mx) * nt.s
            let v = (target[i].y - nt.my) * nt.s
            for row in [[x, y, 1, 0, 0, 0, -u * x, -u * y, u], [0, 0, 0, x, y, 1, -v * x, -v * y, v]] {
                for r in 0..<8 {
                    for c in 0..<9 { ata[r][c] += row[r] * row[c] }
                }
            }
        }
        guard let n = Self.solve(ata) else { return nil }
        // H = T_target⁻¹ · N · T_source, with T(p) = s·(p − m).
        let (s, sx, sy) = (ns.s, ns.mx, ns.my)
        let (t, tx, ty) = (nt.s, nt.mx, nt.my)
        // N · T_source: columns scaled by s, translation folded into the last column.
        var m = [
            n[0] * s, n[1] * s, n[2] - n[0] * s * sx - n[1] * s * sy,
            n[3] * s, n[4] * s, n[5] - n[3] * s * sx - n[4] * s * sy,
            n[6] * s, n[7] * s, n[8] - n[6] * s * sx - n[7] * s * sy,
        ]
        // T_target⁻¹ = [1/t 0 tx; 0 1/t ty; 0 0 1].
        for c in 0..<3 {
            let w = m[6 + c]
            m[c] = m[c] / t + tx * w
            m[3 + c] = m[3 + c] / t + ty * w
        }
        guard abs(m[8]) > 1e-12 else { return nil }
        self.init(m.map { $0 / m[8] })
    }
}
