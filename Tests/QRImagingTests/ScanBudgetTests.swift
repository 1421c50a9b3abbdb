import Glibc
import QRImaging
import Testing

/// Every scan ends within its CPU budget, and one that runs out says so.
@Suite struct ScanBudgetTests {
    /// The calling thread's CPU time in seconds.
    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Whether this test binary runs under Address Sanitizer, which makes every pass several times slower.
    static let underAddressSanitizer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil

    /// Whether the pipeline runs unoptimised or instrumented, many times slower than a release build: there a budget
    /// that holds the release build's time holds 20 times that.
    static let slowBuild: Bool = {
        #if DEBUG
            return true
        #else
            return underAddressSanitizer
        #endif
    }()

    /// The default budget, or 20 times it in a slow build.
    static var budget: Duration { slowBuild ? QRScanner.defaultCPUBudget * 20 : QRScanner.defaultCPUBudget }

    static let glare = Fixtures.bytes(Fixtures.scanBudget + "/scan-hang-glare.jpg")

    /// The photo whose perspective pass once searched a window tens of thousands of pixels wide: it ends, with no
    /// code, inside the default budget, which is under a second (in a release build; see ``slowBuild``).
    @Test func glarePhotoEndsWithinItsBudget() throws {
        #expect(QRScanner.defaultCPUBudget < .seconds(1))
        let scanner = QRScanner(cpuBudget: Self.budget)
        let start = Self.threadCPUSeconds()
        let found = try scanner.scan(imageData: Self.glare)
        let spent = Self.threadCPUSeconds() - start
        #expect(found.isEmpty)
        let (seconds, attoseconds) = scanner.cpuBudget.components
        #expect(spent < Double(seconds) + Double(attoseconds) / 1e18, "\(spent) s of CPU")
    }

    /// A budget that runs out stops the scan at the next check, with `timeLimit`, not at the end of the pipeline.
    @Test func exhaustedBudgetThrowsTimeLimit() {
        var scanner = QRScanner()
        scanner.cpuBudget = .milliseconds(1)
        let start = Self.threadCPUSeconds()
        #expect(throws: QRImagingError(.timeLimit, "")) { try scanner.scan(imageData: Self.glare) }
        // The decode and at most one pass past the budget: far less than the whole pipeline.
        let limit = Self.slowBuild ? 5.0 : 0.3
        #expect(Self.threadCPUSeconds() - start < limit)
    }

    /// The budget covers scans of decoded pixels too.
    @Test func exhaustedBudgetOnPixels() throws {
        let image = try GrayImage(decoding: Self.glare)
        var scanner = QRScanner()
        scanner.cpuBudget = .zero
        #expect(throws: QRImagingError(.timeLimit, "")) { try scanner.scan(image) }
    }

    /// A budget does not cost a code: a clean render still reads under the default.
    @Test func cleanRenderReadsWithinBudget() throws {
        let png = try QRCode(encoding: "budget").png(PNGOptions(scale: 3))
        #expect(try QRScanner().scan(imageData: png).map(\.text) == ["budget"])
    }
}
