// The household-code parser's promises. Any input must give a code or a ProvenanceError, never a crash, and a code
// must keep its promises: the signed bytes are a prefix of the input that ends where the signature field starts,
// and a record that decodes encodes again to a code that decodes to the same record. The link form: recognising and
// decoding never crash, a decoded link's code is a household code of at most 512 bytes, and linking those bytes
// again decodes to the same bytes.
import EMVQR
import Provenance

/// Checks one input against the household-code parser's promises.
public enum HouseholdCodeFuzzCheck {
    /// What reading an input gave.
    public enum Outcome: Sendable, Hashable {
        /// A ProvenanceError.
        case refused
        /// A code whose record does not decode (the record's error is kept with the code).
        case codeWithoutRecord
        /// A code with its record.
        case record
    }

    /// Reads `bytes` as a scanned code (a link or the code itself) and as a code, and throws the first promise
    /// broken.
    public static func check(_ bytes: [UInt8]) throws(FuzzFailure) -> Outcome {
        try checkLink(bytes)
        guard let code = described({ () throws(ProvenanceError) in try HouseholdCode(parsing: bytes) }) else {
            return .refused
        }
        guard bytes.starts(with: code.signedBytes) else {
            throw FuzzFailure("the signed bytes are not a prefix of the input")
        }
        if code.signature != nil {
            let tail = bytes[code.signedBytes.count...]
            guard tail.starts(with: Array("2586".utf8)), tail.count == 4 + 86 + 8 else {
                throw FuzzFailure("the signature field is not what follows the signed bytes")
            }
        }
        guard case .success(let record) = code.record else { return .codeWithoutRecord }
        let again: [UInt8]
        do {
            again = try record.signedPart(keyID: code.keyID).finalize()
        } catch {
            throw FuzzFailure("a record read from a code does not encode again: \(error)")
        }
        guard let reread = try? HouseholdCode(parsing: again), case .success(let second) = reread.record,
            second == (try? record.validated())
        else {
            throw FuzzFailure("a re-encoded record does not read back the same")
        }
        return .record
    }

    private static func checkLink(_ bytes: [UInt8]) throws(FuzzFailure) {
        let found = described { () throws(ProvenanceError) in try ScannedHouseholdCode(recognizing: bytes) }
        guard let found = found ?? nil, let link = found.link else { return }
        guard link.code.count <= 512, link.code.starts(with: Array("0002P".utf8)) else {
            throw FuzzFailure("a decoded link's code is longer than 512 bytes or not a household code")
        }
        guard let base = try? HouseholdLink(base: "https://a.vn/", code: link.code),
            (try? HouseholdLink(parsing: base.text))?.code == link.code
        else {
            throw FuzzFailure("a decoded link's code does not survive being linked again")
        }
    }
}
