/// What every rendering of a code shares: the quiet zone, the colours, and whether to refuse a code phones may not
/// read.
public struct QRRenderStyle: Hashable, Sendable {
    /// Whether rendering refuses what many phones fail to read.
    public enum Readability: Hashable, Sendable {
        /// Refuse inverted colours, a contrast ratio below ``QRRenderStyle/minimumContrastRatio`` and printed
        /// modules under ``PNGOptions/minimumModuleMillimetres``.
        case enforced
        /// Render them anyway: for a reader known to cope, or a test of what phones do with them.
        case notEnforced
    }

    /// The smallest contrast ratio (WCAG 2) between foreground and background rendered while ``readability`` is
    /// ``Readability/enforced``.
    public static let minimumContrastRatio = 4.5

    /// The quiet zone, in modules, on each side. The standard asks for 4; narrower margins fail on some readers.
    public var margin: Int
    /// The colour of dark modules.
    public var foreground: RGBColor
    /// The colour of light modules and of the quiet zone.
    public var background: RGBColor
    /// Whether low-contrast or inverted colours, and modules printed too small, are refused.
    public var readability: Readability

    /// Makes a style.
    ///
    /// - Parameters:
    ///   - margin: The quiet zone in modules, 0 to 1000.
    ///   - foreground: The colour of dark modules.
    ///   - background: The colour of light modules and of the quiet zone.
    ///   - readability: Whether to refuse what many phones fail to read; by default it is refused.
    public init(
        margin: Int = 4, foreground: RGBColor = .black, background: RGBColor = .white,
        readability: Readability = .enforced
    ) {
        self.margin = margin
        self.foreground = foreground
        self.background = background
        self.readability = readability
    }

    /// Checks the margin and the colours.
    ///
    /// - Throws: ``QRImagingError/Code/invalidOption`` for a margin outside 0...1000; while ``readability`` is
    ///   ``Readability/enforced``, ``QRImagingError/Code/inverted`` when the foreground is lighter than the
    ///   background and ``QRImagingError/Code/lowContrast`` when their contrast ratio is below
    ///   ``minimumContrastRatio``.
    public func validate() throws(QRImagingError) {
        guard (0...1000).contains(margin) else {
            throw QRImagingError(.invalidOption, "the margin must be 0 to 1000 modules, not \(margin)")
        }
        guard readability == .enforced else { return }
        if foreground.relativeLuminance > background.relativeLuminance {
            throw QRImagingError(
                .inverted,
                "the foreground \(foreground) is lighter than the background \(background); many phone readers "
                    + "cannot scan inverted codes"
            )
        }
        let ratio = foreground.contrastRatio(with: background)
        if ratio < Self.minimumContrastRatio {
            let tenths = Int(ratio * 10)
            throw QRImagingError(
                .lowContrast,
                "the contrast ratio of \(foreground) on \(background) is \(tenths / 10).\(tenths % 10), below the "
                    + "\(Self.minimumContrastRatio) that phone cameras need"
            )
        }
    }

    /// Checks a printed module size against ``PNGOptions/minimumModuleMillimetres``.
    ///
    /// - Throws: ``QRImagingError/Code/moduleTooSmall`` below it, while ``readability`` is
    ///   ``Readability/enforced``.
    func checkModule(millimetres: Double) throws(QRImagingError) {
        guard readability == .enforced, millimetres < PNGOptions.minimumModuleMillimetres else { return }
        throw QRImagingError(
            .moduleTooSmall,
            "\(millimetres) mm modules are below the \(PNGOptions.minimumModuleMillimetres) mm phones need")
    }
}
