import Foundation
import TestSupport
import Testing

/// Files are read and written at the edge: the CLI (and the examples) use FileIO and hand bytes to the libraries,
/// which touch no file themselves.
@Suite struct ModuleBoundaryTests {
    /// The modules each library module imports, from its sources.
    static func imports(of module: String) throws -> Set<String> {
        let folder = Repository.path("Sources/\(module)")
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        var found: Set<String> = []
        for case let file as URL in files where file.pathExtension == "swift" {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard let index = words.firstIndex(of: "import"), index <= 2, index + 1 < words.count else { continue }
                found.insert(words[index + 1])
            }
        }
        return found
    }

    @Test(arguments: ["EMVQR", "VietQR", "Provenance", "QRImaging", "QRPrint"])
    func librariesTouchNoFileModule(_ module: String) throws {
        let imported = try Self.imports(of: module)
        #expect(!imported.isEmpty)  // the scan sees its imports
        #expect(!imported.contains("FileIO"))
        #expect(!imported.contains("SystemPackage"))
    }

    @Test func provenanceReadsNothingThroughImaging() throws {
        let imported = try Self.imports(of: "Provenance")
        #expect(imported.contains("Crypto"))  // the scan sees its imports
        #expect(!imported.contains("QRImaging"))
        #expect(!imported.contains("QRPrint"))
    }

    @Test func theCommandLineReadsThroughFileIO() throws {
        #expect(try Self.imports(of: "VillageQRCLI").contains("FileIO"))
    }
}
