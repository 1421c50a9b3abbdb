package import Foundation

/// Where the repository's committed files are, for every test target.
package enum Repository {
    /// The package root, from this file's path (Tests/TestSupport/Repository.swift).
    package static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file or folder under the package root, such as `Fixtures/Provenance`.
    package static func path(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}
