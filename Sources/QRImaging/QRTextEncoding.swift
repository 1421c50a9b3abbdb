import Glibc

/// The character set a code's bytes are read in.
///
/// ISO/IEC 18004 leaves the character set of byte-mode data to an ECI designator. Readers see codes without one in
/// UTF-8, Shift_JIS and ISO-8859-1, and ``guess(_:)`` decides among those three by their validity the way ZXing's
/// `StringUtils.guessEncoding` does. Our own rendering always writes ECI 26 for UTF-8.
public enum QRTextEncoding: String, CaseIterable, Hashable, Sendable {
    /// UTF-8 (ECI 26); also what plain ASCII reads as.
    case utf8 = "UTF-8"
    /// Shift_JIS (ECI 20), the usual character set of Japanese codes without ECI.
    case shiftJIS = "Shift_JIS"
    /// ISO-8859-1 (ECI 3), the standard's default; its C1 control codes (0x80–0x9F) are not taken as text.
    case isoLatin1 = "ISO-8859-1"

    /// The character set `bytes` most likely are in:
    ///
    /// - plain ASCII, or valid UTF-8 with a byte-order mark or at least one multi-byte sequence: UTF-8;
    /// - valid Shift_JIS with a run of three or more double-byte or half-width katakana characters: Shift_JIS;
    /// - valid in both ISO-8859-1 (no C1 controls) and Shift_JIS: Shift_JIS when the only katakana are one pair of
    ///   two, or when at least a tenth of the bytes are ISO-8859-1 symbols rarely seen in text, else ISO-8859-1;
    /// - otherwise the first of ISO-8859-1, Shift_JIS and UTF-8 they are valid in; nil when none.
    public static func guess(_ bytes: [UInt8]) -> QRTextEncoding? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return .utf8 }
        var canBeLatin1 = true
        var canBeShiftJIS = true
        var canBeUTF8 = true
        var utf8BytesLeft = 0
        var utf8MultiByteCharacters = 0
        var shiftJISBytesLeft = 0
        var katakanaCharacters = 0
        var katakanaRun = 0
        var longestKatakanaRun = 0
        var doubleByteRun = 0
        var longestDoubleByteRun = 0
        var rareLatin1Symbols = 0
        let byteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])

        for value in bytes {
            if canBeUTF8 {
                if utf8BytesLeft > 0 {
                    if value & 0xC0 != 0x80 { canBeUTF8 = false } else { utf8BytesLeft -= 1 }
                } else if value & 0x80 != 0 {
                    switch value {
                    case 0xC2...0xDF: utf8BytesLeft = 1
                    case 0xE0...0xEF: utf8BytesLeft = 2
                    case 0xF0...0xF4: utf8BytesLeft = 3
                    default: canBeUTF8 = false
                    }
                    if canBeUTF8 { utf8MultiByteCharacters += 1 }
                }
            }
            if canBeLatin1 {
                if value > 0x7F && value < 0xA0 {
                    canBeLatin1 = false
                } else if value > 0x9F && (value < 0xC0 || value == 0xD7 || value == 0xF7) {
                    rareLatin1Symbols += 1
                }
            }
            if canBeShiftJIS {
                if shiftJISBytesLeft > 0 {
                    if value < 0x40 || value == 0x7F || value > 0xFC {
                        canBeShiftJIS = false
                    } else {
                        shiftJISBytesLeft -= 1
                    }
                } else if value == 0x80 || value == 0xA0 || value > 0xEF {
                    canBeShiftJIS = false
                } else if value > 0xA0 && value < 0xE0 {
                    katakanaCharacters += 1
                    doubleByteRun = 0
                    katakanaRun += 1
                    longestKatakanaRun = max(longestKatakanaRun, katakanaRun)
                } else if value > 0x7F {
                    shiftJISBytesLeft += 1
                    katakanaRun = 0
                    doubleByteRun += 1
                    longestDoubleByteRun = max(longestDoubleByteRun, doubleByteRun)
                } else {
                    katakanaRun = 0
                    doubleByteRun = 0
                }
            }
        }
        if utf8BytesLeft > 0 { canBeUTF8 = false }
        if shiftJISBytesLeft > 0 { canBeShiftJIS = false }

        if canBeUTF8 && (byteOrderMark || utf8MultiByteCharacters > 0) { return .utf8 }
        if canBeShiftJIS && (longestKatakanaRun >= 3 || longestDoubleByteRun >= 3) { return .shiftJIS }
        if canBeLatin1 && canBeShiftJIS {
            return (longestKatakanaRun == 2 && katakanaCharacters == 2) || rareLatin1Symbols * 10 >= bytes.count
                ? .shiftJIS : .isoLatin1
        }
        if canBeLatin1 { return .isoLatin1 }
        if canBeShiftJIS { return .shiftJIS }
        if canBeUTF8 { return .utf8 }
        return nil
    }

    /// `bytes` read in this character set; nil when they are not valid in it.
    ///
    /// The corresponding C function for Shift_JIS is `iconv`.
    public func decode(_ bytes: [UInt8]) -> String? {
        switch self {
        case .utf8:
            return String(validating: bytes, as: UTF8.self)
        case .isoLatin1:
            // Every byte is the code point of the same value; C1 control codes are not ISO-8859-1 characters.
            guard !bytes.contains(where: { (0x80..<0xA0).contains($0) }) else { return nil }
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case .shiftJIS:
            return Self.iconvToUTF8(bytes, from: "SHIFT_JIS")
        }
    }

    /// `bytes` converted from `charset` to UTF-8 by iconv; nil when the conversion fails anywhere.
    private static func iconvToUTF8(_ bytes: [UInt8], from charset: String) -> String? {
        let converter = iconv_open("UTF-8", charset)
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        // A Shift_JIS byte becomes at most 3 UTF-8 bytes.
        var output = [CChar](repeating: 0, count: bytes.count * 3 + 4)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress
                var outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else {
                    return nil
                }
                return outBuffer.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(validating: output.prefix(written).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension QRSymbol {
    /// The character set ``text`` is read in: the ``QRTextEncoding/guess(_:)`` for the bytes, or when they do not
    /// decode in it (a Shift_JIS byte pattern naming an unmapped character), the first of the others they decode in;
    /// nil when the bytes are text in none.
    public var encoding: QRTextEncoding? { textAndEncoding?.encoding }

    /// The bytes as text in ``encoding``; nil when they are text in none of the character sets of ``QRTextEncoding``.
    public var text: String? { textAndEncoding?.text }

    private var textAndEncoding: (text: String, encoding: QRTextEncoding)? {
        guard let guess = QRTextEncoding.guess(bytes) else { return nil }
        for candidate in [guess] + QRTextEncoding.allCases.filter({ $0 != guess }) {
            if let text = candidate.decode(bytes) { return (text, candidate) }
        }
        return nil
    }
}
