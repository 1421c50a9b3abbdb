// VietQR reading's promises. Any payload EMVQR reads must give a VietQR payment or a VietQRError, in lenient and in
// strict mode, and a payment's fields and warnings must read without trapping. Strict reading accepts exactly the
// payments lenient reading accepts without a warning. Reading a generic EMVQR payload (38.01 a plain value) and
// reading with VietQR's nesting give the same verdict and the same payment. Building a payment read gives a payload
// whose payment builds it again byte for byte, and building refuses a payment strict reading accepted only for a
// service's own fields or a control character in tag 64.
//
// An input is a payload without its CRC field: the check appends 63 with the right CRC, so that mutations reach the
// NAPAS rules instead of stopping at the CRC check. Fixtures/fuzz/vietqr/ holds inputs of that form.
import EMVQR
import VietQR

/// Checks one input against VietQR reading's promises.
public enum VietQRFuzzCheck {
    /// What reading an input gave.
    public enum Outcome: Sendable, Hashable {
        /// Not an EMVQR payload, even with its CRC appended.
        case notAPayload
        /// An EMVQR payload that is not a VietQR payment: a VietQRError in both modes.
        case refused
        /// A payment, with or without warnings.
        case payment(warned: Bool)
    }

    /// The payload an input stands for: the input, then 63 with the right CRC.
    public static func payload(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        bytes.append(contentsOf: "6304".utf8)
        bytes.append(contentsOf: CRC16.hexDigits(CRC16.checksum(bytes)))
        return bytes
    }

    /// Reads the payload `input` stands for in both modes and both ways, and throws the first promise broken.
    public static func check(_ input: [UInt8]) throws(FuzzFailure) -> Outcome {
        let bytes = payload(input)
        guard let emv = try? EMVPayload(parsing: bytes) else { return .notAPayload }

        let lenient: VietQRPayload
        do throws(VietQRError) {
            lenient = try VietQRPayload(emv)
        } catch {
            if error.message.isEmpty { throw FuzzFailure("a VietQRError has no message") }
            _ = error.description
            if (try? VietQRPayload(emv, mode: .strict)) != nil {
                throw FuzzFailure("strict reading accepted what lenient refused")
            }
            return .refused
        }
        let warnings = lenient.warnings
        guard warnings.isEmpty == !lenient.hasWarnings else {
            throw FuzzFailure("the warnings listed are not the ones flagged")
        }
        for warning in warnings { _ = warning.description }
        let strict = try? VietQRPayload(emv, mode: .strict)
        if let strict {
            guard warnings.isEmpty, strict.bank == lenient.bank, strict.payment == lenient.payment else {
                throw FuzzFailure("strict reading accepted a payment lenient reading warns of, or read another one")
            }
        } else if warnings.isEmpty {
            throw FuzzFailure("strict reading refused a payment without warnings")
        }
        // Read straight from the bytes, with VietQR's nesting, the payment is the same.
        guard let direct = try? VietQRPayload(parsing: bytes[...]), direct.payment == lenient.payment,
            direct.bank == lenient.bank
        else { throw FuzzFailure("reading with VietQR's nesting differs from reading the generic payload") }
        try checkRebuilding(lenient.payment, strictlyRead: strict != nil)
        _ = lenient.bank?.shortName
        _ = (lenient.account, lenient.service, lenient.amount, lenient.purpose, lenient.initiation)
        return .payment(warned: !warnings.isEmpty)
    }

    /// Building a payment that was read gives a payload whose payment builds that payload again, byte for byte: the
    /// first build may fold text and drop empty values, the second changes nothing. A payment strict reading accepted
    /// keeps to every rule building applies, but for two that reading does not hold a code to: a service's own fields
    /// (QRPUSH's merchant, QRCASH's reference and terminal) and control characters in tag 64.
    static func checkRebuilding(_ payment: VietQRPayment, strictlyRead: Bool) throws(FuzzFailure) {
        let built: VietQRPayment.Built
        do throws(VietQRError) {
            built = try payment.build()
        } catch {
            if strictlyRead && error.code != .vietqr(.missingField) && error.code != .vietqr(.invalidCharacters) {
                throw FuzzFailure("building refused a payment strict reading accepted: \(error)")
            }
            return
        }
        guard let readBack = try? VietQRPayload(parsing: built.payload[...]) else {
            throw FuzzFailure("a payload built from a payment read does not read")
        }
        guard let again = try? readBack.payment.build(), again.payload == built.payload, again.folds.isEmpty else {
            throw FuzzFailure("the payment of a payload built does not build that payload again")
        }
    }
}
