import QRImaging

/// Paths and manifests of the committed fixtures.
enum Fixtures {
    /// The package root, from this file's path.
    static let root: String = {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/QRImagingTests/Fixtures.swift
        return parts.joined(separator: "/")
    }()

    static let formats = root + "/Tests/QRImagingTests/Fixtures/formats"
    static let photos = root + "/Fixtures/photos"
    static let fullResolution = root + "/Tests/QRImagingTests/Fixtures/full-resolution"

    static func bytes(_ path: String) -> [UInt8] {
        do { return try QRImageFile.read(path) } catch { fatalError("missing fixture \(path): \(error)") }
    }

    /// The rows of a tab-separated manifest, header dropped.
    static func manifest(_ folder: String) -> [[String]] {
        String(decoding: bytes(folder + "/manifest.tsv"), as: UTF8.self)
            .split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}
