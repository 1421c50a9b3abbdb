import FileIO
import Foundation
import QRImaging
import TestSupport
import Testing

/// Paths and manifests of the committed fixtures.
enum Fixtures {
    /// The package root.
    static let root: String = Repository.root.path

    static let formats = root + "/Tests/QRImagingTests/Fixtures/formats"
    static let photos = root + "/Fixtures/photos"
    /// Dense codes as a phone photographs them (scripts/make-dense-photo-fixtures.sh).
    static let densePhotos = root + "/Fixtures/dense-photos"
    static let fullResolution = root + "/Tests/QRImagingTests/Fixtures/full-resolution"
    static let charsets = root + "/Tests/QRImagingTests/Fixtures/charsets"
    static let structuredAppend = root + "/Tests/QRImagingTests/Fixtures/structured-append"
    static let scanBudget = root + "/Fixtures/scan-budget"

    static func bytes(_ path: String) -> [UInt8] {
        do { return try Files.read(path) } catch { fatalError("missing fixture \(path): \(error)") }
    }

    /// The rows of a tab-separated manifest, header dropped.
    static func manifest(_ folder: String) -> [[String]] {
        String(decoding: bytes(folder + "/manifest.tsv"), as: UTF8.self)
            .split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// A committed image holding one code, as a manifest with the columns file, width, height and text lists it:
    /// the formats and the full-resolution fixtures.
    struct Variant: CustomTestStringConvertible, Sendable {
        let folder: String
        let file: String
        let width: Int
        let height: Int
        let text: String
        var testDescription: String { file }
        /// The file's contents.
        var bytes: [UInt8] { Fixtures.bytes(folder + "/" + file) }
    }

    /// The images `folder`'s manifest lists.
    static func variants(_ folder: String) -> [Variant] {
        manifest(folder).map {
            Variant(folder: folder, file: $0[0], width: Int($0[1])!, height: Int($0[2])!, text: $0[3])
        }
    }
}
