/// Options for ``QRCode/svg(_:)``.
public struct SVGOptions: Hashable, Sendable {
    /// The quiet zone and colours.
    public var style: QRRenderStyle
    /// The printed side of one module in millimetres; the SVG then states its physical size. Without it, one
    /// module is one user unit and the image scales to its container.
    public var moduleMillimetres: Double?

    public init(style: QRRenderStyle = QRRenderStyle(), moduleMillimetres: Double? = nil) {
        self.style = style
        self.moduleMillimetres = moduleMillimetres
    }
}

extension QRCode {
    /// Renders the code as an SVG document: one path for all dark modules, crisp edges, print-ready.
    ///
    /// - Parameter options: the quiet zone, colours and physical module size.
    /// - Returns: the SVG text.
    /// - Throws: the errors of ``QRRenderStyle/validate()``; ``QRImagingError/Code/moduleTooSmall`` for modules
    ///   under ``PNGOptions/minimumModuleMillimetres`` while ``QRRenderStyle/readability`` is enforced.
    public func svg(_ options: SVGOptions = SVGOptions()) throws(QRImagingError) -> String {
        try options.style.validate()
        let margin = options.style.margin
        let side = size + 2 * margin
        var dimensions = ""
        if let mm = options.moduleMillimetres {
            guard mm > 0, mm <= 100 else {
                throw QRImagingError(.invalidOption, "the module size must be above 0 and at most 100 mm")
            }
            try options.style.checkModule(millimetres: mm)
            let total = Self.decimal(Double(side) * mm)
            dimensions = " width=\"\(total)mm\" height=\"\(total)mm\""
        }
        var path = ""
        path.reserveCapacity(size * size * 4)
        for y in 0..<size {
            var x = 0
            while x < size {
                guard self[x, y] else {
                    x += 1
                    continue
                }
                let start = x
                while x < size && self[x, y] { x += 1 }
                path += "M\(start + margin) \(y + margin)h\(x - start)v1h-\(x - start)z"
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 \(side) \(side)"\(dimensions) \
            shape-rendering="crispEdges">
            <rect width="\(side)" height="\(side)" fill="\(options.style.background)"/>
            <path fill="\(options.style.foreground)" d="\(path)"/>
            </svg>

            """
    }

    /// `value` with at most three decimals and no trailing zeros.
    static func decimal(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let whole = thousandths / 1000
        var fraction = thousandths % 1000
        if fraction == 0 { return "\(whole)" }
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let padded = String(repeating: "0", count: digits - String(fraction).count) + String(fraction)
        return "\(whole).\(padded)"
    }
}
