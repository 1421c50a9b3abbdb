// A country-sized signed trust list: 10,000 keys, three for every one of the 3,321 communes and the rest for
// province offices. Its size on disk, the time to load and check it (signature, JSON, dates), the time to look up a
// key, and parse+verify of one code against it beside the same against a one-key list. Thread CPU time, median of
// 5 calibrated runs, as the other figures.
//
//     swift run -c release --package-path Benchmarks bench trust
import BenchmarkSupport
import Foundation
import Provenance

func runTrustListBenchmarks(root: URL) {
    let fixtures = root.appendingPathComponent("Fixtures/Provenance")
    guard
        let keyPEM = try? String(contentsOf: fixtures.appendingPathComponent("test-key-18223.1.pem"), encoding: .utf8),
        let key = try? HouseholdSigningKey(pem: keyPEM),
        let typicalJSON = try? Data(contentsOf: fixtures.appendingPathComponent("record-typical.json")),
        let typical = try? HouseholdRecord(json: Array(typicalJSON))
    else { fail("cannot read the household fixtures in \(fixtures.path)") }
    let from = CivilDate("2026-01-01")!
    let until = CivilDate("2030-12-31")!
    let today = CivilDate("2026-11-29")!
    let rootKey = HouseholdSigningKey()

    // Three keys a commune, the first of 18223 the fixture key; province offices make up the 10,000.
    var entries: [TrustList.Entry] = []
    for commune in AdminUnits.allCommunes.sorted(by: { $0.code < $1.code }) {
        for serial in 1...3 {
            let id = "\(commune.code).\(serial)"
            let publicKey = id == "18223.1" ? key.publicKey : HouseholdSigningKey().publicKey
            entries.append(
                TrustList.Entry(
                    keyID: id, publicKey: publicKey, owner: "UBND \(commune.name) (\(commune.code))", from: from,
                    until: until, scope: TrustScope(communes: [commune.code])))
        }
    }
    var serial = 1
    while entries.count < 10_000 {
        let province = ["01", "42", "79"][serial % 3]
        entries.append(
            TrustList.Entry(
                keyID: "\(province).\(serial)", publicKey: HouseholdSigningKey().publicKey,
                owner: "Sở Nông nghiệp tỉnh \(province)", from: from, until: until,
                scope: TrustScope(provinces: [province])))
        serial += 1
    }
    let big = TrustList(entries, issued: CivilDate("2026-11-01")!, nextUpdate: CivilDate("2026-12-01")!)
    guard let signed = try? big.signed(rootKeyID: "VN", with: rootKey) else { fail("the big list does not sign") }
    report("trust_list.keys", Double(big.entries.count), "keys")
    report("trust_list.json_bytes", Double(big.json.count), "B")
    report("trust_list.signed_bytes", Double(signed.count), "B")

    let loadNs = perOperation {
        UInt64((try? TrustList(signed: signed, root: rootKey.publicKey, today: today))?.entries.count ?? 0)
    }
    report("trust_list.load_check_ms", loadNs / 1e6, "ms")
    guard let loaded = try? TrustList(signed: signed, root: rootKey.publicKey, today: today) else {
        fail("the big list does not load")
    }

    let ids = (0..<8).map { entries[($0 * 1249) % entries.count].keyID }
    let lookupNs = measureLoop(over: ids) { id in UInt64(loaded[id]?.from.day ?? 0) }
    report("trust_list.lookup_ns", lookupNs, "ns")

    guard let code = try? HouseholdIssuer(key: key, keyID: "18223.1").issue(typical) else {
        fail("the typical record does not issue")
    }
    let one = HouseholdVerifier(trustList: TrustList([loaded["18223.1"]!]))
    let many = HouseholdVerifier(trustList: loaded)
    guard one.verify(code, today: today).isVerified, many.verify(code, today: today).isVerified else {
        fail("the code does not verify against the lists")
    }
    // In alternation, so a busy spell on the shared machine slows both sides of the ratio alike.
    var ratios: [Double] = []
    var oneRuns: [Double] = []
    var manyRuns: [Double] = []
    for _ in 0..<5 {
        let a = perOperation { one.verify(code, today: today).isVerified ? 1 : 0 }
        let b = perOperation { many.verify(code, today: today).isVerified ? 1 : 0 }
        oneRuns.append(a)
        manyRuns.append(b)
        ratios.append(b / a)
    }
    report("trust_list.verify_one_key_us", median(oneRuns) / 1000, "µs")
    report("trust_list.verify_10000_keys_us", median(manyRuns) / 1000, "µs")
    report("trust_list.verify_ratio", median(ratios), "x")
}
