// The signed-list parser's promises: the envelope (SignedList), then the trust list and revocation list JSON inside
// it, or the input itself read as an unsigned list. Any input must give a list or a ProvenanceError, never a crash,
// and what is read must keep its promises: a signed list has exactly one encoding, the input (with or without its
// final line feed), and a list that reads writes back to JSON that reads as the same list.
import Provenance

/// Checks one input against the signed-list parser's promises.
public enum SignedListFuzzCheck {
    /// What reading an input gave.
    public struct Outcome: Sendable, Hashable {
        /// The input is a signed list's envelope, and it read.
        public var signed = false
        /// The payload (the envelope's, or the input) read as a trust list.
        public var trustList = false
        /// The payload read as a revocation list.
        public var revocationList = false
    }

    /// Reads `bytes` as a signed list, then its payload (or `bytes`, unsigned) as each kind of list, and throws the
    /// first promise broken.
    public static func check(_ bytes: [UInt8]) throws(FuzzFailure) -> Outcome {
        var outcome = Outcome()
        var payload = bytes
        if let signed = described({ () throws(ProvenanceError) in try SignedList(parsing: bytes) }) {
            let again = signed.bytes
            guard again == bytes || again.dropLast().elementsEqual(bytes) else {
                throw FuzzFailure("a signed list read back does not encode to its input")
            }
            guard (try? SignedList(parsing: again)) == signed else {
                throw FuzzFailure("a signed list does not read back")
            }
            payload = signed.payload
            outcome.signed = true
        } else if SignedList.isSignedList(bytes) {
            return outcome
        }
        if let list = described({ () throws(ProvenanceError) in try TrustList(json: payload) }) {
            let reread: TrustList
            do throws(ProvenanceError) {
                reread = try TrustList(json: list.json)
            } catch {
                throw FuzzFailure("a trust list does not read back from its own JSON: \(error)")
            }
            guard reread.entries == list.entries, reread.issued == list.issued, reread.nextUpdate == list.nextUpdate,
                reread.rootKeyID == list.rootKeyID
            else { throw FuzzFailure("a trust list reads back different from its own JSON") }
            // Written back, every entry states its scope: no warning but the unsigned one remains.
            guard reread.warnings.allSatisfy({ $0.code == .unsignedList || $0.code == .scopeEmpty }) else {
                throw FuzzFailure("a written trust list still has entries with no scope")
            }
            outcome.trustList = true
        }
        if let list = described({ () throws(ProvenanceError) in try RevocationList(json: payload) }) {
            guard let reread = try? RevocationList(json: list.json), reread.entries == list.entries,
                reread.issued == list.issued, reread.nextUpdate == list.nextUpdate
            else { throw FuzzFailure("a revocation list reads back different from its own JSON") }
            outcome.revocationList = true
        }
        return outcome
    }
}
