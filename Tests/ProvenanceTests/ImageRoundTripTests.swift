import Provenance
import QRImaging
import Testing

/// Issue, render to PNG, scan the PNG with zbar, verify the scanned bytes.
@Suite struct ImageRoundTripTests {
    @Test(arguments: ["record-18223-0042.json", "record-typical.json", "record-pre2025.json"])
    func issueRenderScanVerify(_ fixture: String) throws {
        // A province key: the pre-2025 fixture's commune is not 18223, but lies in Hà Tĩnh (42).
        let signer = try TestSigner(scope: TrustScope(provinces: ["42"]))
        let bytes = try signer.issuer.issue(try HouseholdRecord(json: try fixtureBytes(fixture)))
        let code = try QRCode(encoding: bytes, options: .init(errorCorrection: .medium))
        // The size target: version 13 or lower at ECC M, 31 mm at 0.4 mm a module.
        #expect(code.version <= 13, "\(fixture): \(bytes.count) bytes need version \(code.version)")
        let png = try code.png(PNGOptions(scale: 4))
        let symbols = try QRScanner().scan(imageData: png)
        #expect(symbols.count == 1)
        let scanned = try #require(symbols.first)
        #expect(scanned.bytes == bytes)
        let result = HouseholdVerifier(trustList: signer.trust).verify(scanned.bytes, today: fixtureToday)
        #expect(result.verdict == .verified)
    }

    /// A phone-like photo of a printed sticker (Fixtures/Provenance/make-photo.sh): rotated, blurred, noisy, JPEG.
    @Test func photoOfAStickerVerifies() throws {
        let signer = try TestSigner()
        let symbols = try QRScanner().scan(imageData: try fixtureBytes("photo-18223-0042.jpg"))
        let scanned = try #require(symbols.first)
        let result = HouseholdVerifier(trustList: signer.trust).verify(scanned.bytes, today: fixtureToday)
        #expect(result.verdict == .verified)
        #expect(result.record?.head == "Nguyễn Thị Hồng")
    }
}
