/// A printable SVG sheet of household codes, each with the head's name, a line telling a buyer what to do
/// (``instruction``), and a third line under it.
///
/// The codes come in as finished SVG documents (QRImaging's `QRCode.svg()`, for example), so this module needs no
/// imaging code; the sheet adds the layout and the captions. Pages are A4 portrait, four stickers across, each code
/// at 0.4 mm a module: ``pages()`` gives one document per page for a printer, ``svg()`` all pages stacked in one.
///
/// ```swift
/// var sheet = StickerSheet()
/// sheet.append(svg: try qr.svg(), modules: qr.size + 8, caption: record.head, subcaption: record.householdID)
/// let text = try sheet.svg()
/// ```
public struct StickerSheet: Sendable {
    struct Sticker: Sendable {
        var svg: Substring
        var modules: Int
        var caption: String
        var subcaption: String
    }

    var stickers: [Sticker] = []

    /// The number of stickers so far.
    public var count: Int { stickers.count }

    /// Page and cell geometry in millimetres.
    static let pageWidth = 210.0
    static let pageHeight = 297.0
    static let columns = 4
    static let cellWidth = 50.0
    static let cellHeight = 46.0
    static let margin = 5.0
    static let moduleMillimetres = 0.4

    /// The line under the head's name on every sticker: "Scan to check the origin".
    public static let instruction = "Quét để kiểm tra nguồn gốc"

    /// An empty sheet.
    public init() {}

    /// Adds one sticker.
    ///
    /// - Parameters:
    ///   - svg: The code as a whole SVG document with a `viewBox`, optionally after an XML declaration line.
    ///   - modules: The code's side in modules, quiet zone included: what the `viewBox` spans.
    ///   - caption: The first line under the code: the head of household.
    ///   - subcaption: The last line, under ``instruction``: the household ID and village, say.
    /// - Throws: ``ProvenanceError/Code/invalidField`` when `svg` is not an SVG document.
    public mutating func append(svg: String, modules: Int, caption: String, subcaption: String) throws(ProvenanceError)
    {
        var document = Substring(svg)
        if document.hasPrefix("<?xml"), let newline = document.firstIndex(of: "\n") {
            document = document[document.index(after: newline)...]
        }
        guard document.hasPrefix("<svg "), modules > 0 else {
            throw ProvenanceError(code: .invalidField, message: "a sticker's code must be an SVG document")
        }
        stickers.append(Sticker(svg: document.dropFirst(5), modules: modules, caption: caption, subcaption: subcaption))
    }

    var rowsPerPage: Int { Int((Self.pageHeight - 2 * Self.margin) / Self.cellHeight) }

    /// The number of A4 pages the stickers fill.
    public var pageCount: Int {
        let perPage = Self.columns * rowsPerPage
        return max(1, (stickers.count + perPage - 1) / perPage)
    }

    /// The whole sheet as one SVG document: the pages one under the other, for a screen.
    public func svg() -> String {
        document(pages: 0..<pageCount)
    }

    /// One SVG document per A4 page, for a printer.
    ///
    /// - Returns: `pageCount` documents, each 210 × 297 mm.
    public func pages() -> [String] {
        (0..<pageCount).map { document(pages: $0..<($0 + 1)) }
    }

    /// The pages in `pages`, stacked, as one SVG document.
    func document(pages: Range<Int>) -> String {
        let perPage = Self.columns * rowsPerPage
        let height = Double(pages.count) * Self.pageHeight
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(fmt(Self.pageWidth))mm" \
            height="\(fmt(height))mm" viewBox="0 0 \(fmt(Self.pageWidth)) \(fmt(height))">
            <rect width="\(fmt(Self.pageWidth))" height="\(fmt(height))" fill="#ffffff"/>

            """
        let first = pages.lowerBound * perPage
        let last = min(stickers.count, pages.upperBound * perPage)
        for index in first..<max(first, last) {
            let sticker = stickers[index]
            let page = index / perPage - pages.lowerBound
            let slot = index % perPage
            let x = Self.margin + Double(slot % Self.columns) * Self.cellWidth
            let y = Double(page) * Self.pageHeight + Self.margin + Double(slot / Self.columns) * Self.cellHeight
            let side = Double(sticker.modules) * Self.moduleMillimetres
            let codeX = x + (Self.cellWidth - side) / 2
            // The code's own document, placed and sized in millimetres.
            out += "<svg x=\"\(fmt(codeX))\" y=\"\(fmt(y))\" width=\"\(fmt(side))\" height=\"\(fmt(side))\" "
            out += sticker.svg
            if !sticker.svg.hasSuffix("\n") { out += "\n" }
            // Three lines under the code; with a link-form code at version 17 (37.2 mm) they end within the cell.
            let textX = fmt(x + Self.cellWidth / 2)
            out +=
                "<text x=\"\(textX)\" y=\"\(fmt(y + side + 3.0))\" font-family=\"sans-serif\" font-size=\"3.2\" "
                + "text-anchor=\"middle\">\(escape(sticker.caption))</text>\n"
            out +=
                "<text x=\"\(textX)\" y=\"\(fmt(y + side + 5.6))\" font-family=\"sans-serif\" font-size=\"2.6\" "
                + "font-weight=\"bold\" text-anchor=\"middle\">\(escape(Self.instruction))</text>\n"
            out +=
                "<text x=\"\(textX)\" y=\"\(fmt(y + side + 8.1))\" font-family=\"sans-serif\" font-size=\"2.4\" "
                + "text-anchor=\"middle\" fill=\"#444444\">\(escape(sticker.subcaption))</text>\n"
        }
        return out + "</svg>\n"
    }

    func fmt(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
