public import QRImaging

/// A sheet of self-adhesive labels: the page, and where each label sits on it, in millimetres.
///
/// The presets are the common A4 sheets sold in Vietnam and elsewhere under many brands; the figures are the
/// manufacturers' templates (Avery Zweckform 3474, 3651, L7160 and L7163, and their equivalents).
///
/// | Preset          | Labels | Label size     | Largest code at 0.4 mm a module |
/// |-----------------|--------|----------------|---------------------------------|
/// | `a4-3x8`        | 24     | 70 × 37 mm     | 85 modules (version 15 and its quiet zone) |
/// | `a4-4x10`       | 40     | 52.5 × 29.7 mm | 66 modules (version 10)          |
/// | `a4-3x7`        | 21     | 63.5 × 38.1 mm | 87 modules (version 15)          |
/// | `a4-2x7`        | 14     | 99.1 × 38.1 mm | 87 modules (version 15)          |
public struct LabelStock: Hashable, Sendable {
    /// The preset's name, `a4-3x8`.
    public var name: String
    /// The page's width.
    public var pageWidth: Double
    /// The page's height.
    public var pageHeight: Double
    /// Labels across.
    public var columns: Int
    /// Labels down.
    public var rows: Int
    /// One label's width.
    public var labelWidth: Double
    /// One label's height.
    public var labelHeight: Double
    /// The first label's left edge, from the page's.
    public var left: Double
    /// The first label's top edge, from the page's.
    public var top: Double
    /// From one label's left edge to the next one's.
    public var horizontalPitch: Double
    /// From one label's top edge to the next one's.
    public var verticalPitch: Double

    /// A label stock.
    public init(
        name: String, pageWidth: Double = 210, pageHeight: Double = 297, columns: Int, rows: Int,
        labelWidth: Double, labelHeight: Double, left: Double, top: Double, horizontalPitch: Double,
        verticalPitch: Double
    ) {
        self.name = name
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
        self.columns = columns
        self.rows = rows
        self.labelWidth = labelWidth
        self.labelHeight = labelHeight
        self.left = left
        self.top = top
        self.horizontalPitch = horizontalPitch
        self.verticalPitch = verticalPitch
    }

    /// 24 labels of 70 × 37 mm, edge to edge (Avery Zweckform 3474).
    public static let a4Labels3x8 = LabelStock(
        name: "a4-3x8", columns: 3, rows: 8, labelWidth: 70, labelHeight: 37, left: 0, top: 0.5,
        horizontalPitch: 70, verticalPitch: 37)
    /// 40 labels of 52.5 × 29.7 mm, edge to edge (Avery Zweckform 3651).
    public static let a4Labels4x10 = LabelStock(
        name: "a4-4x10", columns: 4, rows: 10, labelWidth: 52.5, labelHeight: 29.7, left: 0, top: 0,
        horizontalPitch: 52.5, verticalPitch: 29.7)
    /// 21 labels of 63.5 × 38.1 mm with gaps (Avery L7160).
    public static let a4Labels3x7 = LabelStock(
        name: "a4-3x7", columns: 3, rows: 7, labelWidth: 63.5, labelHeight: 38.1, left: 7.25, top: 15.15,
        horizontalPitch: 66, verticalPitch: 38.1)
    /// 14 labels of 99.1 × 38.1 mm with gaps (Avery L7163).
    public static let a4Labels2x7 = LabelStock(
        name: "a4-2x7", columns: 2, rows: 7, labelWidth: 99.1, labelHeight: 38.1, left: 4.65, top: 15.15,
        horizontalPitch: 101.6, verticalPitch: 38.1)

    /// 21 labels of 70 × 42.3 mm, edge to edge (Avery Zweckform 3652): tall enough for a version 18 code, so for a
    /// household code's link form (versions 16 and 17).
    public static let a4Labels3x7Tall = LabelStock(
        name: "a4-3x7-70x42", columns: 3, rows: 7, labelWidth: 70, labelHeight: 42.3, left: 0, top: 0.35,
        horizontalPitch: 70, verticalPitch: 42.3)

    /// Every preset, the default (``a4Labels3x8``) first.
    public static let presets: [LabelStock] = [
        .a4Labels3x8, .a4Labels4x10, .a4Labels3x7, .a4Labels2x7, .a4Labels3x7Tall,
    ]

    /// The preset with the most labels to a page that prints every one of `codes` at 0.4 mm a module or more, if any
    /// does: the stock a sheet of these codes needs when none is named.
    public static func smallest(fitting codes: some Sequence<QRCode>) -> LabelStock? {
        let modules = codes.reduce(0) { max($0, PrintGeometry.modules($1)) }
        return presets.filter { $0.largestCode >= modules }.max { $0.labelsPerPage < $1.labelsPerPage }
    }

    /// The preset with this name (`a4-3x8`), if any.
    public init?(preset name: String) {
        guard let preset = Self.presets.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = preset
    }

    /// Labels on one page.
    public var labelsPerPage: Int { columns * rows }

    /// The gap between a label's edge and what is printed on it, for a printer's misalignment.
    static let inset = 1.5

    /// The printed side of every code on a label, quiet zone included: the label's height less the insets.
    public var codeSide: Double { labelHeight - 2 * Self.inset }

    /// The largest code, in modules with its quiet zone, that prints at 0.4 mm a module or more.
    public var largestCode: Int { Int((codeSide / PrintGeometry.minimumModule + 1e-9).rounded(.down)) }

    /// The top-left corner of label `slot` (0-based, row by row) on its page.
    func origin(_ slot: Int) -> (x: Double, y: Double) {
        (left + Double(slot % columns) * horizontalPitch, top + Double(slot / columns) * verticalPitch)
    }

    /// Checks that the labels fit the page, do not overlap, and leave text room beside the code.
    func validate() throws(QRPrintError) {
        let fits =
            columns > 0 && rows > 0 && labelWidth > 0 && labelHeight > 0 && left >= 0 && top >= 0
            && horizontalPitch >= labelWidth - 1e-9 && verticalPitch >= labelHeight - 1e-9
            && left + Double(columns - 1) * horizontalPitch + labelWidth <= pageWidth + 1e-9
            && top + Double(rows - 1) * verticalPitch + labelHeight <= pageHeight + 1e-9
        guard fits else {
            throw QRPrintError(.invalidStock, "the \(name) labels do not fit the page without overlapping")
        }
        guard labelWidth - codeSide - 3 * Self.inset >= StickerSheet.minimumTextWidth else {
            throw QRPrintError(
                .invalidStock,
                "the \(name) labels leave under \(PrintGeometry.format(StickerSheet.minimumTextWidth)) mm beside the code for text"
            )
        }
    }
}
