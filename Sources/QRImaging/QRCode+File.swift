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
    /// The code rendered as a file's bytes.
    ///
    /// - Throws: the errors of ``png(_:)`` or ``svg(_:)``.
    public func rendered(as format: QRRenderFormat) throws(QRImagingError) -> [UInt8] {
        switch format {
        case .png(let options): try png(options)
        case .svg(let options): Array(try svg(options).utf8)
        }
    }

    /// Renders the code and writes it atomically to `path`.
    ///
    /// ```swift
    /// let code = try QRCode(encoding: payload)
    /// try code.write(to: "pay.png", as: .png(.print(moduleMillimetres: 0.5, dotsPerInch: 300)))
    /// ```
    ///
    /// - Parameters:
    ///   - path: the file to create.
    ///   - format: PNG or SVG, with their options.
    ///   - overwrite: replace an existing file; by default an existing file is an error and is left alone.
    /// - Throws: the rendering errors, ``QRImagingError/Code/fileExists`` and ``QRImagingError/Code/io``.
    public func write(to path: String, as format: QRRenderFormat, overwrite: Bool = false) throws(QRImagingError) {
        try QRImageFile.write(rendered(as: format), to: path, overwrite: overwrite)
    }
}
