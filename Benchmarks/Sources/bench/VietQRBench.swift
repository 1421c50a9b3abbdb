// Typed VietQR reading beside the core figures.
//
// Typed parsing is EMVQR parse+verify into an EMVPayload (through an EMVReader with VietQR's nesting, as
// emvqr.payload_parse_verify_ns measures it) followed by VietQRPayload: the NAPAS rules, the bank lookup and the
// warning check. Building the payment is that, then VietQRPayload.payment: every typed field copied out. Each round
// measures EMVQR alone, the typed parse and the payment, so the ratios are medians of same-round ratios (the machine
// is shared).
//
// Output: `vietqr.parse_ns.NAME`, `ratio.vietqr_parse_over_emvqr.NAME`, `vietqr.payment_ns.NAME` and
// `ratio.payment_over_parse.NAME` (the payment against the typed parse).
import BenchmarkSupport
import EMVQR
import VietQR

func vietQRNanoseconds(_ payload: [UInt8], materialize: Bool) -> Double {
    var reader = EMVReader(nesting: VietQRPayload.nesting)
    return measurePayloadLoop(payload) { bytes in
        do {
            let code = try VietQRPayload(try reader.read(bytes))
            return materialize ? UInt64(code.payment.account.utf8.count) : UInt64(code.emv.fieldCount)
        } catch {
            return 1
        }
    }
}

/// Prints the VietQR figures for every benchmark payload that is a valid VietQR payment.
func reportVietQR(_ payloads: [(name: String, bytes: [UInt8])], rounds: Int) {
    for (name, bytes) in payloads {
        guard (try? VietQRPayload(parsing: bytes[...])) != nil else { continue }
        var core: [Double] = []
        var typed: [Double] = []
        var full: [Double] = []
        for _ in 0..<max(rounds, 1) {
            core.append(parseVerifyNanoseconds(bytes, reader: true))
            typed.append(vietQRNanoseconds(bytes, materialize: false))
            full.append(vietQRNanoseconds(bytes, materialize: true))
        }
        report("vietqr.parse_ns.\(name)", median(typed), "ns")
        report("ratio.vietqr_parse_over_emvqr.\(name)", median(zip(typed, core).map { $0 / $1 }), "x")
        report("vietqr.payment_ns.\(name)", median(full), "ns")
        report("ratio.payment_over_parse.\(name)", median(zip(full, typed).map { $0 / $1 }), "x")
    }
}

/// `count` typed parses of `payload`, for callgrind; with `payment`, each also builds the typed payment.
func typedParses(_ payload: [UInt8], count: Int, payment: Bool) -> Int {
    // The same loop as `bench cg`'s, with the typed reading added.
    var reader = EMVReader(nesting: VietQRPayload.nesting)
    let slice = payload[...]
    var acc = 0
    for _ in 0..<count {
        do {
            let code = try VietQRPayload(reader.read(slice))
            acc &+= payment ? code.payment.account.utf8.count : code.emv.fieldCount
        } catch {
            acc &+= 1
        }
    }
    return acc
}
