/// The error-correction level of a QR code: how much of the symbol can be damaged and still read.
public enum ErrorCorrection: String, CaseIterable, Sendable, Hashable {
    /// About 7% of codewords can be restored.
    case low = "L"
    /// About 15%; the default.
    case medium = "M"
    /// About 25%.
    case quartile = "Q"
    /// About 30%.
    case high = "H"
}
