public import QRImaging

/// A printable A6 card (105 × 148 mm) to stand on a shop's counter: a title, the code, a few lines under it and a
/// prompt at the foot.
///
/// The card knows no payload; the caller chooses the words. It draws text and the code only, no logos.
///
/// ```swift
/// let card = try CounterCard(
///     code: try QRCode(encoding: payload), title: "Tạp hóa Cô Ba",
///     lines: ["Vietcombank", "0011001234567"], prompt: "Quét mã để thanh toán")
/// let svg = card.svg()
/// ```
public struct CounterCard: Sendable {
    /// The page: A6 portrait, in millimetres.
    public static let width = 105.0
    /// The page's height.
    public static let height = 148.0
    /// The code's printed side, quiet zone included.
    public static let codeSide = 80.0
    /// The most lines under the code.
    public static let maximumLines = 3

    /// The line at the top: the shop's name.
    public var title: String
    /// The lines under the code: the bank and the account, say.
    public var lines: [String]
    /// The line at the foot, in bold: what to do.
    public var prompt: String
    let code: Substring

    /// Lays out a card.
    ///
    /// - Parameters:
    ///   - code: The code, rendered by QRImaging with its 4-module quiet zone, printed 80 mm across.
    ///   - title: The top line.
    ///   - lines: Up to ``maximumLines`` lines under the code.
    ///   - prompt: The bottom line.
    /// - Throws: ``QRPrintError/Code/tooManyLines``; ``QRPrintError/Code/moduleTooSmall`` when the code would
    ///   print under 0.4 mm a module.
    public init(code: QRCode, title: String, lines: [String], prompt: String) throws(QRPrintError) {
        guard lines.count <= Self.maximumLines else {
            throw QRPrintError(.tooManyLines, "a card has room for \(Self.maximumLines) lines, not \(lines.count)")
        }
        let modules = PrintGeometry.modules(code)
        guard Self.codeSide / Double(modules) >= PrintGeometry.minimumModule else {
            throw QRPrintError(
                .moduleTooSmall, "a code of \(modules) modules would print under 0.4 mm a module on the card")
        }
        self.code = try PrintGeometry.nestable(code, sticker: nil)
        self.title = title
        self.lines = lines
        self.prompt = prompt
    }

    /// The card as one SVG document, 105 × 148 mm.
    public func svg() -> String {
        let middle = Self.width / 2
        let textWidth = Self.width - 14
        var out = PrintGeometry.documentStart(width: Self.width, height: Self.height)
        out += PrintGeometry.text(title, x: middle, y: 19, size: 7, width: textWidth, anchor: "middle", bold: true)
        out += PrintGeometry.place(code, x: (Self.width - Self.codeSide) / 2, y: 26, side: Self.codeSide)
        for (index, line) in lines.enumerated() {
            out += PrintGeometry.text(
                line, x: middle, y: 115 + 7.5 * Double(index), size: 5, width: textWidth, anchor: "middle")
        }
        out += PrintGeometry.text(prompt, x: middle, y: 141, size: 5.5, width: textWidth, anchor: "middle", bold: true)
        return out + "</svg>\n"
    }
}
