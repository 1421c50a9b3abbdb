// VietQR reading under libFuzzer. Any payload EMVQR reads must give a VietQR payment or a VietQRError, in lenient
// and in strict mode, and a payment's fields and warnings must read without trapping. Strict reading accepts
// exactly the payments lenient reading accepts without a warning. Reading a generic EMVQR payload (38.01 a plain
// value) and reading with VietQR's nesting give the same verdict and the same payment.
//
// An input is a payload without its CRC field: the harness appends 63 with the right CRC, so that mutations reach
// the NAPAS rules instead of stopping at the CRC check. Fixtures/fuzz/vietqr/ holds inputs of that form.
import EMVQR

@testable import VietQR

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: start, count: count))
    bytes.append(contentsOf: "6304".utf8)
    bytes.append(contentsOf: CRC16.hexDigits(CRC16.checksum(bytes)))
    guard let emv = try? EMVPayload(parsing: bytes) else { return 0 }

    let lenient: VietQRPayload
    do throws(VietQRError) {
        lenient = try VietQRPayload(emv)
    } catch {
        _ = error.description
        if (try? VietQRPayload(emv, mode: .strict)) != nil {
            fatalError("strict reading accepted what lenient refused")
        }
        return 0
    }
    let warnings = lenient.warnings
    guard warnings.isEmpty == !lenient.hasWarnings else { fatalError("the warnings listed are not the ones flagged") }
    for warning in warnings { _ = warning.description }
    do throws(VietQRError) {
        let strict = try VietQRPayload(emv, mode: .strict)
        guard warnings.isEmpty, strict.bankIndex == lenient.bankIndex else {
            fatalError("strict reading accepted a payment lenient reading warns of, or found another bank")
        }
    } catch {
        guard !warnings.isEmpty else { fatalError("strict reading refused a payment without warnings") }
    }

    // Read straight from the bytes, with VietQR's nesting, the payment is the same.
    guard let direct = try? VietQRPayload(parsing: bytes[...]), direct.payment == lenient.payment,
        direct.bankIndex == lenient.bankIndex
    else { fatalError("reading with VietQR's nesting differs from reading the generic payload") }
    _ = lenient.bank?.shortName
    _ = lenient.payment
    _ = (lenient.bin, lenient.account, lenient.service, lenient.amount, lenient.purpose, lenient.initiation)
    return 0
}
