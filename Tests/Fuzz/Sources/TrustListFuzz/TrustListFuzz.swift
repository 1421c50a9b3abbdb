// The signed-list parser under libFuzzer: the envelope (SignedList), then the trust list and revocation list JSON
// inside it, or the input itself read as an unsigned list. Any input must give a list or a ProvenanceError, never a
// crash, and what is read must keep its promises: a signed list has exactly one encoding, the input (with or without
// its final line feed), and a list that reads writes back to JSON that reads as the same list.
//
// The signature check itself is swift-crypto's and is not linked here, as for the household target.
import ProvenanceParser

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    var payload = bytes
    do {
        let signed = try SignedList(parsing: bytes)
        let again = signed.bytes
        guard again == bytes || again.dropLast().elementsEqual(bytes) else {
            fatalError("a signed list read back does not encode to its input")
        }
        guard (try? SignedList(parsing: again)) == signed else { fatalError("a signed list does not read back") }
        payload = signed.payload
    } catch {
        _ = error.description
        if SignedList.isSignedList(bytes) { return 0 }
    }
    do {
        let list = try TrustList(json: payload)
        let reread: TrustList
        do {
            reread = try TrustList(json: list.json)
        } catch {
            fatalError("a trust list does not read back from its own JSON: \(error)")
        }
        guard reread.entries == list.entries, reread.issued == list.issued, reread.nextUpdate == list.nextUpdate,
            reread.rootKeyID == list.rootKeyID
        else { fatalError("a trust list reads back different from its own JSON") }
        // Written back, every entry states its scope: no warning but the unsigned one remains.
        guard reread.warnings.allSatisfy({ $0.code == .unsignedList || $0.code == .scopeEmpty }) else {
            fatalError("a written trust list still has entries with no scope")
        }
    } catch {
        _ = error.description
    }
    do {
        let list = try RevocationList(json: payload)
        guard let reread = try? RevocationList(json: list.json), reread.entries == list.entries,
            reread.issued == list.issued, reread.nextUpdate == list.nextUpdate
        else { fatalError("a revocation list reads back different from its own JSON") }
    } catch {
        _ = error.description
    }
    return 0
}
