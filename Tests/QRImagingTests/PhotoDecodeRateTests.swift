import QRImaging
import Testing

/// The photo-like fixture sets (scripts/make-photo-fixtures.sh, scripts/make-dense-photo-fixtures.sh) must keep their
/// measured decode rate per category.
///
/// The minimums are the counts last measured for the pipeline (Sources/QRImaging/Docs.docc/DecodeRates.md): a change
/// to the pipeline that loses one image fails here. The scans run with the default CPU budget, scaled for an
/// unoptimised build (``ScanBudgetTests/budget``).
@Suite struct PhotoDecodeRateTests {
    static let minimumDecoded: [String: Int] = [
        "perspective": 6, "rotation": 8, "blur": 5, "noise": 8, "glare": 8, "lowcontrast": 8, "jpeg": 8, "tiny": 4,
        "fill": 8, "multi": 6, "12mp": 3, "webp": 2, "dense": 8, "dense3": 4, "dense-photo": 6,
        "dense-photo3": 2,
    ]

    struct Category: CustomTestStringConvertible, Sendable {
        let name: String
        let images: [(file: String, texts: [String])]
        var testDescription: String { name }
    }

    static let categories: [Category] = {
        var order: [String] = []
        var byCategory: [String: [(String, [String])]] = [:]
        let rows = [Fixtures.photos, Fixtures.densePhotos].flatMap { folder in
            Fixtures.manifest(folder).map { [folder + "/" + $0[0]] + $0.dropFirst() }
        }
        for row in rows {
            let (file, category, text) = (row[0], row[1], row[2])
            if byCategory[category] == nil { order.append(category) }
            if let last = byCategory[category]?.last, last.0 == file {
                byCategory[category]![byCategory[category]!.count - 1].1.append(text)
            } else {
                byCategory[category, default: []].append((file, [text]))
            }
        }
        return order.map { Category(name: $0, images: byCategory[$0]!.map { (file: $0.0, texts: $0.1) }) }
    }()

    @Test func everyCategoryHasAMinimum() {
        #expect(Set(Self.categories.map(\.name)) == Set(Self.minimumDecoded.keys))
    }

    @Test(arguments: categories)
    func decodeRate(_ category: Category) throws {
        var decoded = 0
        for image in category.images {
            let found = try QRScanner(cpuBudget: ScanBudgetTests.budget).scan(
                imageData: Fixtures.bytes(image.file))
            let texts = Set(found.compactMap(\.text))
            if image.texts.allSatisfy(texts.contains) { decoded += 1 }
        }
        #expect(decoded >= Self.minimumDecoded[category.name] ?? .max, "\(decoded) of \(category.images.count)")
    }
}
