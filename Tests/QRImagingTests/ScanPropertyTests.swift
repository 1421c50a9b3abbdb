import Glibc
import QRImaging
import TestSupport
import Testing

/// Random and mutated grayscale images through the whole pipeline: noise, stripes, finder-like blobs and pieces of
/// real codes, from 1x1 to 4000x4000. None may crash, and none may run past its budget by more than one pass.
///
/// The suite replays a fixed set of seeds. `QRIMAGING_PROPERTY_SECONDS=600 swift test --filter ScanPropertyTests`
/// keeps drawing new seeds for that long (the ten-minute run in Performance.md).
@Suite struct ScanPropertyTests {

    /// The longest a scan may overrun its budget: the one filter or zbar pass under way when it ran out, on the
    /// largest image drawn.
    static let overrun = ScanBudgetTests.slowBuild ? 20.0 : 0.8

    static let code: GrayImage = {
        do {
            let png = try QRCode(encoding: "property 0123456789").png(PNGOptions(scale: 4))
            return try GrayImage(decoding: png)
        } catch { fatalError("\(error)") }
    }()

    /// One image drawn from `seed`.
    static func image(seed: UInt64) -> GrayImage {
        var random = SeededGenerator(state: seed)
        // Mostly small and medium; now and then huge or degenerate.
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
            let code = Self.code
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
        do { return try GrayImage(width: width, height: height, pixels: pixels) } catch { fatalError("\(error)") }
    }

    /// Scans the image of `seed`; a description of what went wrong, or nil.
    static func check(seed: UInt64) -> String? {
        let image = Self.image(seed: seed)
        let scanner = QRScanner(cpuBudget: ScanBudgetTests.budget)
        let (seconds, attoseconds) = scanner.cpuBudget.components
        let budget = Double(seconds) + Double(attoseconds) / 1e18
        let start = ScanBudgetTests.threadCPUSeconds()
        do {
            _ = try scanner.scan(image)
        } catch {
            guard error.code == .timeLimit else { return "seed \(seed): \(image.width)x\(image.height): \(error)" }
        }
        let spent = ScanBudgetTests.threadCPUSeconds() - start
        guard spent <= budget + Self.overrun else {
            return "seed \(seed): \(image.width)x\(image.height) took \(spent) s of CPU"
        }
        return nil
    }

    /// A spread of seeds: every kind of image, small to 4000 px.
    static let replaySeeds: [UInt64] = Array(1...12)

    @Test(arguments: replaySeeds)
    func replay(_ seed: UInt64) {
        #expect(Self.check(seed: seed) == nil)
    }

    @Test func timedRun() {
        let seconds = getenv("QRIMAGING_PROPERTY_SECONDS").flatMap { Double(String(cString: $0)) } ?? 0
        guard seconds > 0 else { return }
        let end = ScanBudgetTests.threadCPUSeconds() + seconds
        var seed: UInt64 = 1_000_000
        var runs = 0
        while ScanBudgetTests.threadCPUSeconds() < end {
            if let failure = Self.check(seed: seed) { Issue.record("\(failure)") }
            seed += 1
            runs += 1
        }
        print("ScanPropertyTests: \(runs) images, seeds 1000000..<\(seed)")
    }
}
