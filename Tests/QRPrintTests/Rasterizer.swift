import Foundation
import QRImaging
import TestSupport

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
        let rendered = try runProcess(
            "rsvg-convert",
            [
                "--dpi-x", "\(dpi)", "--dpi-y", "\(dpi)", "--background-color", "white", "--format", "png",
                "--output", output.path, input.path,
            ])
        guard rendered.status == 0 else {
            throw RasterizerFailure(message: rendered.stderrText)
        }
        return Array(try Data(contentsOf: output))
    }

    /// Every code QRImaging's scanner reads in the rendered page, as text.
    static func scan(_ svg: String, dpi: Int = 300) throws -> [String] {
        let png = try png(svg, dpi: dpi)
        let image = try GrayImage(decoding: png)
        // A whole page at full size, in a debug build: far past the default budget, which is set for photos.
        let scanner = QRScanner(workingSize: max(image.width, image.height), cpuBudget: .seconds(120))
        return try scanner.scan(image).map {
            String(decoding: $0.bytes, as: UTF8.self)
        }
    }
}

struct RasterizerFailure: Error {
    var message: String
}
