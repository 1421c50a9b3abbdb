// The household-code parser under libFuzzer. Any input must give a code or a ProvenanceError, never a crash, and a
// code must keep its promises: the signed bytes are a prefix of the input that ends where the signature field
// starts, and a record that decodes encodes again to a code that decodes to the same record.
//
// The target links the parser's own files (Sources/ProvenanceParser links them one by one), not the signing and
// verifying ones, so the fuzzing build does not compile swift-crypto.
import EMVQR
import ProvenanceParser

/// The link form: recognising and decoding never crash, a decoded link's code is at most 512 bytes, and building
/// the link of those bytes again decodes to the same bytes.
func fuzzLink(_ bytes: [UInt8]) {
    let found: ScannedHouseholdCode?
    do {
        found = try ScannedHouseholdCode(recognizing: bytes)
    } catch {
        _ = error.description
        return
    }
    guard let found, let link = found.link else { return }
    guard link.code.count <= 512, link.code.starts(with: Array("0002P".utf8)) else {
        fatalError("a decoded link's code is longer than 512 bytes or not a household code")
    }
    guard let base = try? HouseholdLink(base: "https://a.vn/", code: link.code),
        (try? HouseholdLink(parsing: base.text))?.code == link.code
    else {
        fatalError("a decoded link's code does not survive being linked again")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    fuzzLink(bytes)
    let code: HouseholdCode
    do {
        code = try HouseholdCode(parsing: bytes)
    } catch {
        _ = error.description
        return 0
    }
    guard bytes.starts(with: code.signedBytes) else { fatalError("the signed bytes are not a prefix of the input") }
    if code.signature != nil {
        let tail = bytes[code.signedBytes.count...]
        guard tail.starts(with: Array("2586".utf8)), tail.count == 4 + 86 + 8 else {
            fatalError("the signature field is not what follows the signed bytes")
        }
    }
    guard case .success(let record) = code.record else { return 0 }
    let again: [UInt8]
    do {
        again = try record.signedPart(keyID: code.keyID).finalize()
    } catch {
        fatalError("a record read from a code does not encode again: \(error)")
    }
    guard let reread = try? HouseholdCode(parsing: again), case .success(let second) = reread.record,
        second == (try? record.validated())
    else {
        fatalError("a re-encoded record does not read back the same")
    }
    return 0
}
