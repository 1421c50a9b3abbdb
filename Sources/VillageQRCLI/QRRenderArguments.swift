public import ArgumentParser
import FileIO
import QRImaging

/// The options that turn bytes into a QR image file or terminal text. `render` uses them, and so can any command
/// that prints a code (`@OptionGroup var output: QRRenderArguments`, then `try output.emit(bytes)`).
public struct QRRenderArguments: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write the code to this file: .png or .svg.")
    var output: String?

    @Option(help: "Error-correction level.")
    var ecc: ErrorCorrection = .medium

    @Option(help: "Pixels per module in a PNG.")
    var scale: Int = 8

    @Option(help: "Quiet zone in modules; readers need 4.")
    var margin: Int = 4

    @Option(help: "Printed module size in millimetres (phones need at least 0.4); needs --dpi for a PNG.")
    var moduleMm: Double?

    @Option(help: "Print resolution; sets the PNG's pHYs chunk and, with --module-mm, its scale.")
    var dpi: Int?

    @Option(help: "Bits per PNG pixel.")
    var bitDepth: PNGOptions.BitDepth = .one

    @Option(help: "Dark-module colour, #rrggbb.")
    var foreground: RGBColor = .black

    @Option(help: "Light-module colour, #rrggbb.")
    var background: RGBColor = .white

    @Option(help: "Smallest QR version to use.")
    var minVersion: Int = 1

    @Option(help: "Largest QR version to use.")
    var maxVersion: Int = 40

    @Flag(help: "Never add the ECI 26 (UTF-8) header, even for non-ASCII text.")
    var noEci = false

    @Flag(help: "Also print the code to the terminal with half blocks.")
    var terminal = false

    @Flag(help: "Draw for a dark terminal (light text on a dark background).")
    var darkTerminal = false

    @Flag(help: "Overwrite the output file; render low-contrast, inverted or too-small codes anyway.")
    var force = false

    public init() {}

    public mutating func validate() throws {
        guard output != nil || terminal || darkTerminal else {
            throw ValidationError("Give -o FILE.png|FILE.svg, or --terminal.")
        }
        if let output, QRRenderFormat(path: output) == nil {
            throw ValidationError("The output must end in .png or .svg: \(output)")
        }
        if moduleMm != nil, dpi == nil, output?.lowercased().hasSuffix(".png") == true {
            throw ValidationError("--module-mm needs --dpi for a PNG.")
        }
    }

    /// Encodes `bytes` and writes the file and/or terminal text the options ask for.
    ///
    /// - Returns: the text to print (the terminal rendering, or a line naming the file written).
    /// - Throws: `QRImagingError` when the code cannot be encoded or rendered, `FileError` when the file cannot be
    ///   written or exists without --force.
    public func emit(_ bytes: [UInt8]) throws -> String {
        let code = try QRCode(
            encoding: bytes,
            options: .init(
                errorCorrection: ecc, minimumVersion: minVersion, maximumVersion: maxVersion,
                eci: noEci ? .never : .automatic
            )
        )
        let style = QRRenderStyle(
            margin: margin, foreground: foreground, background: background,
            readability: force ? .notEnforced : .enforced)
        var printed = ""
        if let output {
            let format: QRRenderFormat
            if output.lowercased().hasSuffix(".svg") {
                format = .svg(SVGOptions(style: style, moduleMillimetres: moduleMm))
            } else if let moduleMm, let dpi {
                format = .png(
                    try .print(moduleMillimetres: moduleMm, dotsPerInch: dpi, style: style, bitDepth: bitDepth))
            } else {
                format = .png(PNGOptions(style: style, scale: scale, bitDepth: bitDepth, dotsPerInch: dpi))
            }
            try Files.write(code.rendered(as: format), to: output, overwrite: OverwritePolicy(force: force))
            printed += "\(output): version \(code.version)-\(code.errorCorrection.rawValue), \(code.size) modules\n"
        }
        if terminal || darkTerminal {
            printed += code.terminalText(margin: margin, darkTerminal: darkTerminal)
        }
        return printed
    }
}
