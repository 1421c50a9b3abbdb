public import QRImaging

/// Printable SVG pages of stickers for a sheet of labels: on each label a code, and beside it up to three lines of
/// text.
///
/// Every code on a sheet prints at the same size, the label's height less a 1.5 mm inset, whatever its version:
/// each code's `viewBox` is scaled to that square. A code whose modules would come out under 0.4 mm
/// (QRImaging's `PNGOptions.minimumModuleMillimetres`) is refused rather than printed too small to scan: choose a
/// larger stock (``LabelStock/largestCode`` says what fits). Each label used gets cut marks at its corners, for
/// cutting plain paper or checking that the printer hits the labels.
///
/// ``pages()`` gives one document per page for a printer; ``svg()`` gives all pages stacked in one, for a screen.
///
/// ```swift
/// var sheet = try StickerSheet(stock: .a4Labels3x8)
/// try sheet.append(try QRCode(encoding: payload), lines: ["Nguyễn Thị Hồng", "18223-0042 · Thôn Trường Sơn"])
/// let pages = sheet.pages()
/// ```
public struct StickerSheet: Sendable {
    struct Sticker: Sendable {
        var svg: Substring
        var lines: [String]
    }

    var stickers: [Sticker] = []

    /// The labels the sheet is laid out for.
    public let stock: LabelStock

    /// Whether each label used gets cut marks at its corners; on by default.
    public var cutMarks = true

    /// The most text lines a sticker carries: the first is larger and bold.
    public static let maximumLines = 3

    /// The least width of text beside a code that a stock must leave, in millimetres.
    static let minimumTextWidth = 15.0

    /// An empty sheet.
    ///
    /// - Parameter stock: The label sheet to print on; ``LabelStock/a4Labels3x8`` by default.
    /// - Throws: ``QRPrintError/Code/invalidStock`` when the labels do not fit the page or leave no room for text.
    public init(stock: LabelStock = .a4Labels3x8) throws(QRPrintError) {
        try stock.validate()
        self.stock = stock
    }

    /// The number of stickers so far.
    public var count: Int { stickers.count }

    /// Adds one sticker.
    ///
    /// - Parameters:
    ///   - code: The code, rendered by QRImaging with its 4-module quiet zone.
    ///   - lines: Up to ``maximumLines`` lines of text beside the code, the first larger: a name, say.
    /// - Throws: ``QRPrintError/Code/moduleTooSmall`` when the code would print under 0.4 mm a module on this
    ///   stock; ``QRPrintError/Code/tooManyLines``. The error's ``QRPrintError/sticker`` is the sticker's position.
    public mutating func append(_ code: QRCode, lines: [String]) throws(QRPrintError) {
        let position = stickers.count + 1
        guard lines.count <= Self.maximumLines else {
            throw QRPrintError(
                .tooManyLines, sticker: position,
                "a sticker has room for \(Self.maximumLines) lines of text, not \(lines.count)")
        }
        let modules = PrintGeometry.modules(code)
        guard modules <= stock.largestCode else {
            let module = PrintGeometry.format(stock.codeSide / Double(modules))
            let fitting = LabelStock.presets.filter { $0.largestCode >= modules }.map(\.name)
            throw QRPrintError(
                .moduleTooSmall, sticker: position,
                "a code of \(modules) modules (version \(code.version)) on \(stock.name) labels would print at "
                    + "\(module) mm a module, under the 0.4 mm a phone needs; "
                    + (fitting.isEmpty
                        ? "no preset label is large enough for it"
                        : "use \(fitting.joined(separator: " or ")) labels"))
        }
        stickers.append(Sticker(svg: try PrintGeometry.nestable(code, sticker: position), lines: lines))
    }

    /// The number of pages the stickers fill.
    public var pageCount: Int { max(1, (stickers.count + stock.labelsPerPage - 1) / stock.labelsPerPage) }

    /// The whole sheet as one SVG document: the pages one under the other, for a screen.
    public func svg() -> String {
        document(pages: 0..<pageCount)
    }

    /// One SVG document per page, for a printer.
    ///
    /// - Returns: ``pageCount`` documents, each the stock's page size.
    public func pages() -> [String] {
        (0..<pageCount).map { document(pages: $0..<($0 + 1)) }
    }

    /// The pages in `pages`, stacked, as one SVG document.
    func document(pages: Range<Int>) -> String {
        let perPage = stock.labelsPerPage
        var out = PrintGeometry.documentStart(
            width: stock.pageWidth, height: Double(pages.count) * stock.pageHeight)
        let first = pages.lowerBound * perPage
        let last = min(stickers.count, pages.upperBound * perPage)
        var marks = ""
        for index in first..<max(first, last) {
            let sticker = stickers[index]
            let corner = stock.origin(index % perPage)
            let x = corner.x
            let y = Double(index / perPage - pages.lowerBound) * stock.pageHeight + corner.y
            let inset = LabelStock.inset
            let side = stock.codeSide
            out += PrintGeometry.place(sticker.svg, x: x + inset, y: y + inset, side: side)
            out += lines(sticker.lines, x: x + side + 2 * inset, y: y, width: stock.labelWidth - side - 3 * inset)
            if cutMarks { marks += cutMarks(x: x, y: y) }
        }
        if !marks.isEmpty { out += "<path fill=\"none\" stroke=\"#888888\" stroke-width=\"0.1\" d=\"\(marks)\"/>\n" }
        return out + "</svg>\n"
    }

    /// The text lines, left-aligned at `x` and centred down a label whose top is `y`.
    func lines(_ lines: [String], x: Double, y: Double, width: Double) -> String {
        let sizes = lines.indices.map { $0 == 0 ? 3.4 : 2.6 }
        let height = sizes.reduce(0) { $0 + $1 * 1.35 }
        var baseline = y + (stock.labelHeight - height) / 2
        var out = ""
        for (line, size) in zip(lines, sizes) {
            baseline += size * 1.35
            out += PrintGeometry.text(
                line, x: x, y: baseline - size * 0.35, size: size, width: width, anchor: "start", bold: size > 3,
                fill: size > 3 ? "#000000" : "#333333")
        }
        return out
    }

    /// Cut marks: a 2 mm corner at each of the label's four corners, along its edges.
    func cutMarks(x: Double, y: Double) -> String {
        let arm = 2.0
        let right = x + stock.labelWidth
        let bottom = y + stock.labelHeight
        let f = PrintGeometry.format
        return "M\(f(x)) \(f(y + arm))V\(f(y))H\(f(x + arm))"
            + "M\(f(right - arm)) \(f(y))H\(f(right))V\(f(y + arm))"
            + "M\(f(right)) \(f(bottom - arm))V\(f(bottom))H\(f(right - arm))"
            + "M\(f(x + arm)) \(f(bottom))H\(f(x))V\(f(bottom - arm))"
    }
}
