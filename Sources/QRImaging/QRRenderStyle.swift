/// What every rendering of a code shares: the quiet zone and the colours.
public struct QRRenderStyle: Hashable, Sendable {
    /// The smallest contrast ratio (WCAG 2) between foreground and background that we render without being forced.
    public static let minimumContrastRatio = 4.5

    /// The quiet zone, in modules, on each side. The standard asks for 4; narrower margins fail on some readers.
    public var margin: Int
    /// The colour of dark modules.
    public var foreground: RGBColor
    /// The colour of light modules and of the quiet zone.
    public var background: RGBColor
    /// Render even when the colours are low-contrast or inverted.
    public var force: Bool

    public init(margin: Int = 4, foreground: RGBColor = .black, background: RGBColor = .white, force: Bool = false) {
        self.margin = margin
        self.foreground = foreground
        self.background = background
        self.force = force
    }

    /// Checks the margin and the colours.
    ///
    /// - Throws: ``QRImagingError/Code/invalidOption`` for a negative margin; ``QRImagingError/Code/inverted`` when
    ///   the foreground is lighter than the background and ``QRImagingError/Code/lowContrast`` when their contrast
    ///   ratio is below ``minimumContrastRatio``, unless ``force`` is set.
    public func validate() throws(QRImagingError) {
        guard (0...1000).contains(margin) else {
            throw QRImagingError(.invalidOption, "the margin must be 0 to 1000 modules, not \(margin)")
        }
        if force { return }
        if foreground.relativeLuminance > background.relativeLuminance {
            throw QRImagingError(
                .inverted,
                "the foreground \(foreground) is lighter than the background \(background); many phone readers "
                    + "cannot scan inverted codes (force to render anyway)"
            )
        }
        let ratio = foreground.contrastRatio(with: background)
        if ratio < Self.minimumContrastRatio {
            let tenths = Int(ratio * 10)
            throw QRImagingError(
                .lowContrast,
                "the contrast ratio of \(foreground) on \(background) is \(tenths / 10).\(tenths % 10), below "
                    + "\(Self.minimumContrastRatio) (force to render anyway)"
            )
        }
    }
}
