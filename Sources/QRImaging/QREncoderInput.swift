import CQREncode
import Glibc

/// Owns a libqrencode `QRinput`: the segments of one symbol before it is encoded.
final class QREncoderInput {
    private let input: OpaquePointer

    /// - Throws: ``QRImagingError/Code/invalidOption`` when libqrencode refuses the version or level.
    /// The corresponding C function is `QRinput_new2`.
    init(minimumVersion: Int, errorCorrection: ErrorCorrection) throws(QRImagingError) {
        guard let input = QRinput_new2(Int32(minimumVersion), errorCorrection.level) else {
            throw QRImagingError(.invalidOption, "libqrencode refused version \(minimumVersion)")
        }
        self.input = input
    }

    deinit { QRinput_free(input) }

    /// Adds an ECI designator. The corresponding C function is `QRinput_appendECIheader`.
    func appendECI(_ designator: UInt32) throws(QRImagingError) {
        guard QRinput_appendECIheader(input, designator) == 0 else {
            throw QRImagingError(.invalidOption, "libqrencode refused ECI \(designator)")
        }
    }

    /// Adds one segment. The corresponding C function is `QRinput_append`.
    func append(_ mode: QRSegmenter.Mode, _ bytes: ArraySlice<UInt8>) throws(QRImagingError) {
        let status = bytes.withUnsafeBufferPointer { buffer in
            QRinput_append(input, mode.qrencodeMode, Int32(buffer.count), buffer.baseAddress)
        }
        guard status == 0 else {
            throw QRImagingError(.invalidOption, "libqrencode refused a \(mode) segment of \(bytes.count) bytes")
        }
    }

    /// Encodes the segments, choosing the smallest version from the minimum up and the best mask.
    ///
    /// - Returns: the version and the modules, row by row, 1 for dark; `nil` when the data does not fit version 40.
    /// The corresponding C function is `QRcode_encodeInput`.
    func encode() -> (version: Int, width: Int, modules: [UInt8])? {
        guard let code = QRcode_encodeInput(input) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = code.pointee.data!
        let modules = [UInt8](unsafeUninitializedCapacity: width * width) { buffer, initialized in
            for i in 0..<(width * width) { buffer[i] = data[i] & 1 }
            initialized = width * width
        }
        return (Int(code.pointee.version), width, modules)
    }
}

extension ErrorCorrection {
    var level: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}

extension QRSegmenter.Mode {
    var qrencodeMode: QRencodeMode {
        switch self {
        case .numeric: QR_MODE_NUM
        case .alphanumeric: QR_MODE_AN
        case .byte: QR_MODE_8
        }
    }
}
