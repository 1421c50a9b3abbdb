public import ArgumentParser
public import QRImaging

extension ErrorCorrection: ExpressibleByArgument {}

extension PNGOptions.BitDepth: ExpressibleByArgument {
    public init?(argument: String) {
        guard let bits = Int(argument) else { return nil }
        self.init(rawValue: bits)
    }

    public var defaultValueDescription: String { String(rawValue) }
    public static var allValueStrings: [String] { allCases.map { String($0.rawValue) } }
}

extension RGBColor: ExpressibleByArgument {
    public init?(argument: String) { self.init(hex: argument) }
}
