import Foundation
import QRImaging

/// Renders SVG as a printer driver would, with librsvg's rsvg-convert (Debian `librsvg2-bin`), and scans it back.
enum Rasterizer {
    /// The PNG rsvg-convert makes of `svg` at `dpi`, on white.
    static func png(_ svg: String, dpi: Int) throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qrprint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("page.svg")
        let output = folder.appendingPathComponent("page.png")
        try Data(svg.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "rsvg-convert", "--dpi-x", "\(dpi)", "--dpi-y", "\(dpi)", "--background-color", "white", "--format", "png",
            "--output", output.path, input.path,
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RasterizerFailure(message: String(decoding: message, as: UTF8.self))
        }
        return Array(try Data(contentsOf: output))
    }

    /// Every code QRImaging's scanner reads in the rendered page, as text.
    static func scan(_ svg: String, dpi: Int = 300) throws -> [String] {
        let png = try png(svg, dpi: dpi)
        let image = try GrayImage(decoding: png)
        return try QRScanner(workingSize: max(image.width, image.height)).scan(image).map {
            String(decoding: $0.bytes, as: UTF8.self)
        }
    }
}

struct RasterizerFailure: Error {
    var message: String
}
