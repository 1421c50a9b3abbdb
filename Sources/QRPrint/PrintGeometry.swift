import QRImaging

/// What the sheets and the card share: the module floor, number formatting, text and code placement in SVG.
enum PrintGeometry {
    /// The smallest module a phone camera resolves: QRImaging's floor, so one figure holds for every printout.
    static let minimumModule = PNGOptions.minimumModuleMillimetres

    /// `value` with two decimals, `12.50`.
    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Text made safe for SVG character data and attribute values.
    static func escape(_ text: String) -> String {
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

    /// A `<text>` element. Text wider than `width` is set smaller until it fits, so a long name never runs off its
    /// label. The width is estimated at 0.6 em a character (0.66 in bold), generous for sans-serif; the font size
    /// changes rather than `textLength`, which not every renderer honours (librsvg ignores it).
    static func text(
        _ content: String, x: Double, y: Double, size: Double, width: Double, anchor: String, bold: Bool = false,
        fill: String = "#000000"
    ) -> String {
        let estimated = Double(content.count) * size * (bold ? 0.66 : 0.6)
        let fitted = estimated > width ? size * width / estimated : size
        var element =
            "<text x=\"\(format(x))\" y=\"\(format(y))\" font-family=\"DejaVu Sans, Arial, sans-serif\" "
            + "font-size=\"\(format(fitted))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\""
        if bold { element += " font-weight=\"bold\"" }
        return element + ">\(escape(content))</text>\n"
    }

    /// QRImaging's SVG of `code`, without its XML declaration, ready to nest: `<svg xmlns=... viewBox=...>`.
    static func nestable(_ code: QRCode, sticker: Int?) throws(QRPrintError) -> Substring {
        let rendered: String
        do {
            rendered = try code.svg()
        } catch {
            throw QRPrintError(.renderingFailed, sticker: sticker, "QRImaging could not render the code: \(error)")
        }
        var document = Substring(rendered)
        if document.hasPrefix("<?xml"), let newline = document.firstIndex(of: "\n") {
            document = document[document.index(after: newline)...]
        }
        return document
    }

    /// A nested code document (from ``nestable(_:sticker:)``) placed to fill a `side` × `side` square at
    /// (`x`, `y`): its `viewBox` scales to the square, so every code prints the same size.
    static func place(_ document: Substring, x: Double, y: Double, side: Double) -> String {
        var out = "<svg x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(side))\" height=\"\(format(side))\" "
        out += document.dropFirst("<svg ".count)
        if !out.hasSuffix("\n") { out += "\n" }
        return out
    }

    /// Modules across the code as rendered, quiet zone included.
    static func modules(_ code: QRCode) -> Int { code.size + 2 * QRRenderStyle().margin }

    /// The opening of an SVG document `width` × `height` mm, white.
    static func documentStart(width: Double, height: Double) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(format(width))mm" \
        height="\(format(height))mm" viewBox="0 0 \(format(width)) \(format(height))">
        <rect width="\(format(width))" height="\(format(height))" fill="#ffffff"/>

        """
    }
}
