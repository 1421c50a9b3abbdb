// VietQR reading under libFuzzer. Any payload EMVQR reads must give a VietQR payment or a VietQRError, in lenient
// and in strict mode, and a payment's fields and warnings must read without trapping. Strict reading accepts
// exactly the payments lenient reading accepts without a warning. The common case agrees with the full rules on
// every payload it takes: they accept it too, find the same bank, and warn exactly when it says they do
// (Tests/VietQRTests/CommonCaseTests.swift checks the same on the fixtures).
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

    // The common case and the full rules agree.
    if let common = VietQRPayload.readCommonCase(emv) {
        var findings = Findings(mode: .flag)
        do throws(VietQRError) {
            let bank = try VietQRPayload.validate(emv, &findings)
            guard bank == common.bank else { fatalError("the common case and the full rules find different banks") }
            guard findings.found == common.warns else {
                fatalError("the common case and the full rules disagree on whether to warn")
            }
        } catch {
            fatalError("the common case accepted what the full rules refuse (\(error.code))")
        }
    }

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

    _ = lenient.bank?.shortName
    _ = lenient.payment
    _ = (lenient.bin, lenient.account, lenient.service, lenient.amount, lenient.purpose, lenient.initiation)
    return 0
}
