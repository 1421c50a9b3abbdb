import QRImaging

/// A printable SVG sheet of household codes, each with the head's name and the household ID under it.
///
/// Each code is QRImaging's own SVG, nested at its place on the page; the sheet adds only the layout and the
/// captions. Pages are A4 portrait, stacked one under the other in a single SVG.
struct StickerSheet {
    struct Sticker {
        var code: QRCode
        var caption: String
        var subcaption: String
    }

    var stickers: [Sticker] = []

    /// Page and cell geometry in millimetres.
    static let pageWidth = 210.0
    static let pageHeight = 297.0
    static let columns = 4
    static let cellWidth = 50.0
    static let cellHeight = 46.0
    static let margin = 5.0
    static let moduleMillimetres = 0.4

    var rowsPerPage: Int { Int((Self.pageHeight - 2 * Self.margin) / Self.cellHeight) }

    func svg() throws(QRImagingError) -> String {
        let perPage = Self.columns * rowsPerPage
        let pages = max(1, (stickers.count + perPage - 1) / perPage)
        let height = Double(pages) * Self.pageHeight
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(Self.pageWidth)mm" height="\(height)mm" \
            viewBox="0 0 \(Self.pageWidth) \(height)">
            <rect width="\(Self.pageWidth)" height="\(height)" fill="#ffffff"/>

            """
        for (index, sticker) in stickers.enumerated() {
            let page = index / perPage
            let slot = index % perPage
            let x = Self.margin + Double(slot % Self.columns) * Self.cellWidth
            let y = Double(page) * Self.pageHeight + Self.margin + Double(slot / Self.columns) * Self.cellHeight
            let side = Double(sticker.code.size + 8) * Self.moduleMillimetres
            let codeX = x + (Self.cellWidth - side) / 2
            // The code's own document, minus its XML declaration, placed and sized in millimetres.
            // The code's own document after its XML declaration line, placed and sized in millimetres.
            let document = try sticker.code.svg(SVGOptions())
            let lines = document.split(separator: "\n", maxSplits: 1)
            guard lines.count == 2, lines[1].hasPrefix("<svg ") else {
                throw QRImagingError(.invalidOption, "QRImaging's SVG does not start as expected")
            }
            let nested = "<svg x=\"\(fmt(codeX))\" y=\"\(fmt(y))\" width=\"\(fmt(side))\" height=\"\(fmt(side))\" "
                + lines[1].dropFirst(5)
            out += nested
            let textX = fmt(x + Self.cellWidth / 2)
            out += "<text x=\"\(textX)\" y=\"\(fmt(y + side + 3.5))\" font-family=\"sans-serif\" font-size=\"3.2\" "
                + "text-anchor=\"middle\">\(escape(sticker.caption))</text>\n"
            out += "<text x=\"\(textX)\" y=\"\(fmt(y + side + 7))\" font-family=\"sans-serif\" font-size=\"2.6\" "
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
