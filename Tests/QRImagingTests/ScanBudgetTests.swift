import QRImaging
import Testing

/// Every scan ends within its CPU budget, and one that runs out says so.
@Suite struct ScanBudgetTests {
    /// Whether the pipeline runs unoptimised or instrumented, many times slower than a release build: there a budget
    /// that holds the release build's time holds 20 times that (``ScanBudget/buildSlowdown``).
    static let slowBuild = ScanBudget.buildSlowdown > 1

    /// The default budget, times the build's slowdown.
    static var budget: Duration { QRScanner.defaultCPUBudget * ScanBudget.buildSlowdown }

    static let glare = Fixtures.bytes(Fixtures.scanBudget + "/scan-hang-glare.jpg")

    /// The photo whose perspective pass once searched a window tens of thousands of pixels wide: it ends, with no
    /// code, inside the default budget, which is under a second (in a release build; see ``slowBuild``).
    @Test func glarePhotoEndsWithinItsBudget() throws {
        #expect(QRScanner.defaultCPUBudget < .seconds(1))
        let budget = ScanBudget(Self.budget)
        let found = try QRScanner().scan(imageData: Self.glare, within: budget)
        #expect(found.isEmpty)
        #expect(budget.spent < budget.limit, "\(budget.spent) of CPU")
    }

    /// A budget that runs out stops the scan at the next check, with `timeLimit`, not at the end of the pipeline.
    @Test func exhaustedBudgetThrowsTimeLimit() {
        let budget = ScanBudget(.milliseconds(1))
        #expect(throws: QRImagingError(.timeLimit, "")) { try QRScanner().scan(imageData: Self.glare, within: budget) }
        // The decode and at most one pass past the budget: far less than the whole pipeline.
        #expect(budget.spent < (Self.slowBuild ? .seconds(5) : .milliseconds(300)), "\(budget.spent) of CPU")
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
