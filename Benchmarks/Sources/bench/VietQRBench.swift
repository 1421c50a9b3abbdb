// Typed VietQR reading beside the core figures: EMVQR parse+verify, then the NAPAS rules and the bank lookup
// (VietQRPayload), measured the same way (thread CPU time, median of 5 runs). The budget: typed parsing of
// P121 adds at most 30% over EMVQR parse+verify.
//
// Output: `vietqr.parse_ns.NAME`, `ratio.vietqr_parse_over_emvqr.NAME`, and `vietqr.payment_ns.NAME` for copying
// every typed field out as Strings as well.
import EMVQR
import VietQR

func vietQRNanoseconds(_ payload: [UInt8], materialize: Bool) -> Double {
    let copies: [[UInt8]] = (0..<8).map { _ in Array(payload) }
    let slices = copies.map { $0[...] }
    return measure { iterations in
        var acc: UInt64 = 0
        let t0 = threadCPUNanoseconds()
        for i in 0..<iterations {
            do {
                let code = try VietQRPayload(parsing: slices[i & 7])
                acc &+= materialize ? UInt64(code.payment.account.utf8.count) : UInt64(code.emv.nodeCount)
            } catch {
                acc &+= 1
            }
        }
        let t1 = threadCPUNanoseconds()
        sink &+= acc
        return t1 - t0
    }.median
}

/// Prints the VietQR figures for every benchmark payload that is a valid VietQR payment.
func reportVietQR(_ payloads: [(name: String, bytes: [UInt8])], emvqr: [String: Double]) {
    for (name, bytes) in payloads {
        guard (try? VietQRPayload(parsing: bytes[...])) != nil, let core = emvqr[name] else { continue }
        let typed = vietQRNanoseconds(bytes, materialize: false)
        report("vietqr.parse_ns.\(name)", typed, "ns")
        report("ratio.vietqr_parse_over_emvqr.\(name)", typed / core, "x")
        report("vietqr.payment_ns.\(name)", vietQRNanoseconds(bytes, materialize: true), "ns")
    }
}
