// The scanner's promise: no image makes it crash or run past its CPU budget. Any input must end with a code, with no
// code, with a typed error for a file it cannot decode, or with `timeLimit`, and within its budget (plus the one
// filter or zbar pass under way when the budget ran out), on the budget's own clock.
//
// An input is an image file (PNG, JPEG, PNM, WebP), scanned with `scan(imageData:)`, decode included. Any other
// input describes a grayscale image, scanned with `scan(_:)`:
//
//     even first byte:  a seed, the next 8 bytes little-endian: an image drawn by `image(seed:)`
//     odd first byte:   tile width (first byte >> 1, plus 1), width and height (2 bytes each, big-endian, modulo
//                       4000, plus 1), then the tile's pixels, repeated over the image (gray 128 when none)
//
// so that a few bytes stand for any image from 1x1 to 4000x4000, and mutations reach every size.
// Fixtures/fuzz/image/ holds described images; Fixtures/fuzz/image.seeds names the image files replayed with it.
import QRImaging
import TestSupport

/// Checks one input against the scanner's promises.
public enum ImageFuzzCheck {
    /// How a scan ended.
    public enum Outcome: Sendable, Hashable {
        /// At least one code, within the budget.
        case code
        /// No code, within the budget.
        case noCode
        /// A file the decoders refuse, with a typed error.
        case refused
        /// Stopped by its budget, at the next check.
        case timeLimit
    }

    /// The budget of a file's scan: the scanner's default, times the build's slowdown (20 in a debug or sanitized
    /// build), so that the glare repro and the fixtures end as they do in a release build.
    public static let budget = QRScanner.defaultCPUBudget * ScanBudget.buildSlowdown

    /// The budget of a described image's scan: the scanner's default itself, in any build. The promise is the same
    /// (an end within the budget and one pass), and a slow build, which stops big images sooner, runs many more.
    public static let describedBudget = QRScanner.defaultCPUBudget

    /// How far past its budget a scan may end: the filter or zbar pass under way, on the largest image drawn.
    public static let overrun = Duration.milliseconds(800) * ScanBudget.buildSlowdown

    /// The image an input that is not an image file stands for.
    static func image(describedBy bytes: [UInt8]) -> GrayImage {
        guard let first = bytes.first, first & 1 == 1 else {
            var seed: UInt64 = 0
            for (index, byte) in bytes.dropFirst().prefix(8).enumerated() { seed |= UInt64(byte) << (8 * index) }
            return image(seed: seed)
        }
        func side(_ at: Int) -> Int {
            let high = bytes.count > at ? Int(bytes[at]) : 0
            let low = bytes.count > at + 1 ? Int(bytes[at + 1]) : 0
            return 1 + (high << 8 | low) % 4000
        }
        let (width, height) = (side(1), side(3))
        let tile = bytes.count > 5 ? Array(bytes[5...]) : [128]
        let tileWidth = Int(first >> 1) + 1
        let tileRows = (tile.count + tileWidth - 1) / tileWidth
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            let row = (y % tileRows) * tileWidth
            for x in 0..<width { pixels[y * width + x] = tile[(row + x % tileWidth) % tile.count] }
        }
        return grayImage(width: width, height: height, pixels)
    }

    /// A real code, to tile and mutate.
    static let code: GrayImage = {
        do {
            let png = try QRCode(encoding: "property 0123456789").png(PNGOptions(scale: 4))
            return try GrayImage(decoding: png)
        } catch { fatalError("\(error)") }
    }()

    /// One image drawn from `seed`: noise, stripes, finder-like 1:1:3:1:1 blobs, a real code tiled and mutated, flat
    /// and gradient fields; mostly small and medium, now and then up to 4000 px or degenerate.
    static func image(seed: UInt64) -> GrayImage {
        var random = SeededGenerator(state: seed)
        let sides: [ClosedRange<Int>] = [1...8, 9...200, 201...1600, 1601...4000]
        let weights = [2, 5, 4, 1]
        var pick = Int.random(in: 0..<weights.reduce(0, +), using: &random)
        var range = sides[0]
        for (candidate, weight) in zip(sides, weights) {
            if pick < weight {
                range = candidate
                break
            }
            pick -= weight
        }
        let width = Int.random(in: range, using: &random)
        let height = Bool.random(using: &random) ? width : Int.random(in: range, using: &random)
        var pixels = [UInt8](repeating: 0, count: width * height)
        switch Int.random(in: 0..<5, using: &random) {
        case 0:  // noise
            for i in pixels.indices { pixels[i] = UInt8.random(in: 0...255, using: &random) }
        case 1:  // stripes at a random period, either way
            let period = Int.random(in: 1...40, using: &random)
            let vertical = Bool.random(using: &random)
            for y in 0..<height {
                for x in 0..<width { pixels[y * width + x] = ((vertical ? x : y) / period) % 2 == 0 ? 0 : 255 }
            }
        case 2:  // finder-like blobs: 1:1:3:1:1 rings, many sizes
            for i in pixels.indices { pixels[i] = 255 }
            for _ in 0..<Int.random(in: 1...60, using: &random) {
                let module = Int.random(in: 1...min(40, min(width, height) / 8 + 1), using: &random)
                let cx = Int.random(in: 0..<width, using: &random)
                let cy = Int.random(in: 0..<height, using: &random)
                for dy in -(module * 7 / 2)...(module * 7 / 2) {
                    for dx in -(module * 7 / 2)...(module * 7 / 2) {
                        let (x, y) = (cx + dx, cy + dy)
                        guard x >= 0, y >= 0, x < width, y < height else { continue }
                        let ring = max(abs(dx), abs(dy)) / module
                        pixels[y * width + x] = ring == 1 ? 255 : 0
                    }
                }
            }
        case 3:  // a real code, tiled and mutated
            for y in 0..<height {
                for x in 0..<width {
                    pixels[y * width + x] = code.pixels[(y % code.height) * code.width + x % code.width]
                }
            }
            for _ in 0..<Int.random(in: 0...(pixels.count / 4 + 1), using: &random) {
                pixels[Int.random(in: pixels.indices, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
        default:  // flat, or a gradient
            let flat = UInt8.random(in: 0...255, using: &random)
            for y in 0..<height {
                for x in 0..<width { pixels[y * width + x] = Bool.random(using: &random) ? flat : UInt8((x + y) % 256) }
            }
        }
        return grayImage(width: width, height: height, pixels)
    }

    private static func grayImage(width: Int, height: Int, _ pixels: [UInt8]) -> GrayImage {
        do { return try GrayImage(width: width, height: height, pixels: pixels) } catch { fatalError("\(error)") }
    }

    /// Scans `bytes`, an image file within ``budget`` or an image described as above within ``describedBudget``,
    /// and throws if the scan ended past it.
    public static func check(_ bytes: [UInt8]) throws(FuzzFailure) -> Outcome {
        let scanner = QRScanner()
        var budget = ScanBudget(budget)
        var result: Result<[QRSymbol], QRImagingError> = Result { () throws(QRImagingError) in
            try scanner.scan(imageData: bytes, within: budget)
        }
        if case .failure(let error) = result, error.code == .unknownFormat {
            let image = image(describedBy: bytes)
            budget = ScanBudget(describedBudget)
            result = Result { () throws(QRImagingError) in try scanner.scan(image, within: budget) }
        }
        let outcome: Outcome
        switch result {
        case .success(let found): outcome = found.isEmpty ? .noCode : .code
        case .failure(let error) where error.code == .timeLimit: outcome = .timeLimit
        case .failure(let error):
            _ = error.description
            outcome = .refused
        }
        let spent = budget.spent
        if spent > budget.limit + overrun {
            throw FuzzFailure("the scan ran \(spent) of CPU, past its budget of \(budget.limit) and one pass")
        }
        // Ending without a code happens only after a check of the budget: past the budget, the scan must say so.
        if outcome == .noCode, spent > budget.limit + .milliseconds(10) {
            throw FuzzFailure("the scan ended with no code past its budget of \(budget.limit), not with timeLimit")
        }
        return outcome
    }
}
