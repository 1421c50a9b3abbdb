/// A file format to render a code in.
public enum QRRenderFormat: Hashable, Sendable {
    case png(PNGOptions)
    case svg(SVGOptions)

    /// The format a file name's extension names (`.png` or `.svg`, any case), with default options; else `nil`.
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".png") {
            self = .png(PNGOptions())
        } else if lower.hasSuffix(".svg") {
            self = .svg(SVGOptions())
        } else {
            return nil
        }
    }
}

extension QRCode {
    /// The code rendered as a file's bytes, for the caller to write where it likes.
    ///
    /// ```swift
    /// let code = try QRCode(encoding: payload)
    /// let bytes = try code.rendered(as: .png(.print(moduleMillimetres: 0.5, dotsPerInch: 300)))
    /// ```
    ///
    /// - Parameter format: PNG or SVG, with their options.
    /// - Returns: the bytes of the PNG file, or the SVG document as UTF-8.
    /// - Throws: the errors of ``png(_:)`` or ``svg(_:)``.
    public func rendered(as format: QRRenderFormat) throws(QRImagingError) -> [UInt8] {
        switch format {
        case .png(let options): try png(options)
        case .svg(let options): Array(try svg(options).utf8)
        }
    }
}
