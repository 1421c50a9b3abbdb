/// A QR code symbol: a square of dark and light modules, ready to render.
///
/// Build one from bytes or text with ``init(encoding:options:)-(Collection<UInt8>,_)``. Encoding is always
/// case-sensitive, mixes numeric, alphanumeric and byte segments to reach the smallest version, never uses the Kanji
/// mode, and adds an ECI 26 (UTF-8) header when the data is UTF-8 text beyond ASCII.
public struct QRCode: Hashable, Sendable {
    /// The version, 1 to 40: the symbol is `17 + 4 × version` modules wide.
    public let version: Int
    /// The error-correction level.
    public let errorCorrection: ErrorCorrection
    /// The number of modules on a side, without the quiet zone.
    public let size: Int
    /// Row-major modules, 1 for dark, 0 for light.
    let modules: [UInt8]

    /// Options for ``QRCode/init(encoding:options:)-(Collection<UInt8>,_)``.
    public struct EncodeOptions: Hashable, Sendable {
        /// When to add an ECI designator to the symbol.
        public enum ECIPolicy: String, Hashable, Sendable, CaseIterable {
            /// Add ECI 26 (UTF-8) when the data is valid UTF-8 with a byte outside ASCII. Without it, readers guess
            /// the charset and often mangle Vietnamese. Data that is not UTF-8 gets no ECI.
            case automatic
            /// Never add one.
            case never
        }

        /// The error-correction level; ``ErrorCorrection/medium`` by default.
        public var errorCorrection: ErrorCorrection
        /// The smallest version to use, 1 to 40.
        public var minimumVersion: Int
        /// The largest version to use, 1 to 40.
        public var maximumVersion: Int
        /// When to add the ECI 26 header.
        public var eci: ECIPolicy

        public init(
            errorCorrection: ErrorCorrection = .medium,
            minimumVersion: Int = 1,
            maximumVersion: Int = 40,
            eci: ECIPolicy = .automatic
        ) {
            self.errorCorrection = errorCorrection
            self.minimumVersion = minimumVersion
            self.maximumVersion = maximumVersion
            self.eci = eci
        }
    }

    /// Encodes bytes as a QR code.
    ///
    /// - Parameters:
    ///   - data: the bytes to carry, exactly.
    ///   - options: the error-correction level, version range and ECI policy.
    /// - Throws: ``QRImagingError/Code/dataTooLong`` when the data does not fit `options.maximumVersion`;
    ///   ``QRImagingError/Code/invalidOption`` for a version range outside 1...40.
    public init(encoding data: some Collection<UInt8>, options: EncodeOptions = EncodeOptions()) throws(QRImagingError)
    {
        guard 1 <= options.minimumVersion, options.minimumVersion <= options.maximumVersion,
            options.maximumVersion <= 40
        else {
            throw QRImagingError(
                .invalidOption,
                "the version range \(options.minimumVersion)...\(options.maximumVersion) is not within 1...40"
            )
        }
        let bytes = Array(data)
        // ECI 26 says "UTF-8": only for text that is UTF-8 and not plain ASCII. Binary data gets no charset claim.
        let needsECI =
            options.eci == .automatic && bytes.contains { $0 >= 0x80 }
            && String(validating: bytes, as: UTF8.self) != nil
        for (index, versions) in QRSegmenter.versionClasses.enumerated() {
            guard versions.upperBound >= options.minimumVersion, versions.lowerBound <= options.maximumVersion else {
                continue
            }
            // Plan the segments for this class; encode only if they can fit it, so a long payload is encoded once.
            let segments = QRSegmenter.segments(bytes, versionClass: index)
            let bits = QRSegmenter.bitCount(segments, versionClass: index) + (needsECI ? 12 : 0)
            guard QRSegmenter.fits(bits: bits, versionClass: index, level: options.errorCorrection) else { continue }
            let input = try QREncoderInput(
                minimumVersion: max(versions.lowerBound, options.minimumVersion),
                errorCorrection: options.errorCorrection
            )
            if needsECI { try input.appendECI(26) }
            for segment in segments {
                try input.append(segment.mode, bytes[segment.range])
            }
            // A result past this class used widths planned for the wrong class: try the next class.
            guard let symbol = input.encode(), symbol.version <= versions.upperBound else { continue }
            guard symbol.version <= options.maximumVersion else { break }
            self.version = symbol.version
            self.errorCorrection = options.errorCorrection
            self.size = symbol.width
            self.modules = symbol.modules
            return
        }
        throw QRImagingError(
            .dataTooLong,
            "\(bytes.count) bytes do not fit a version-\(options.maximumVersion) code at level "
                + "\(options.errorCorrection.rawValue); lower the level or allow a larger version"
        )
    }

    /// Encodes the UTF-8 bytes of `text` as a QR code. See ``init(encoding:options:)-(Collection<UInt8>,_)``.
    public init(encoding text: String, options: EncodeOptions = EncodeOptions()) throws(QRImagingError) {
        try self.init(encoding: Array(text.utf8), options: options)
    }

    /// Whether the module at column `x`, row `y` is dark. Coordinates outside the symbol are light.
    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x] != 0
    }
}
