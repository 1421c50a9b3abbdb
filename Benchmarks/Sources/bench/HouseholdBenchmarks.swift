// Household codes: per-code issue (validate, encode, sign) and parse+verify in µs, and households per second from
// the 85-household CSV into PNG files, the way `villageqr household batch` works. Same method as the EMVQR figures:
// thread CPU time, median of 5 calibrated runs.
//
//     swift run -c release --package-path Benchmarks bench household
import FileIO
import Foundation
import Glibc
import Provenance
import QRImaging

func runHouseholdBenchmarks(root: URL) {
    let fixtures = root.appendingPathComponent("Fixtures/Provenance")
    guard
        let keyPEM = try? String(contentsOf: fixtures.appendingPathComponent("test-key-18223.1.pem"), encoding: .utf8),
        let key = try? HouseholdSigningKey(pem: keyPEM),
        let csvBytes = try? Data(contentsOf: fixtures.appendingPathComponent("village-85.csv")),
        let csv = try? HouseholdCSV(Array(csvBytes)),
        let typicalJSON = try? Data(contentsOf: fixtures.appendingPathComponent("record-typical.json")),
        let typical = try? HouseholdRecord(json: Array(typicalJSON))
    else { fail("cannot read the household fixtures in \(fixtures.path)") }
    let issuer = HouseholdIssuer(key: key, keyID: "18223.1")
    let trust = TrustList([
        TrustList.Entry(
            keyID: "18223.1", publicKey: key.publicKey, owner: "bench", from: CivilDate("2026-01-01")!,
            until: CivilDate("2028-12-31")!)
    ])
    let verifier = HouseholdVerifier(trustList: trust)
    let today = CivilDate("2026-11-29")!
    guard let code = try? issuer.issue(typical) else { fail("the typical record does not issue") }
    report("household.typical_bytes", Double(code.count), "B")

    let issueNs = perOperation { UInt64((try? issuer.issue(typical))?.count ?? 0) }
    report("household.issue_sign_us", issueNs / 1000, "µs")

    let issueQRNs = perOperation {
        guard let bytes = try? issuer.issue(typical),
            let qr = try? QRCode(encoding: bytes, options: .init(errorCorrection: .medium))
        else { return 0 }
        return UInt64(qr.version)
    }
    report("household.issue_sign_qr_encode_us", issueQRNs / 1000, "µs")

    let verifyNs = perOperation { verifier.verify(code, today: today).isVerified ? 1 : 0 }
    report("household.parse_verify_us", verifyNs / 1000, "µs")

    // The batch path: CSV record -> issue -> QR -> PNG -> atomic file, for 85 and for 10,000 households.
    let records = csv.rows.compactMap { try? $0.record.get() }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("household-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    for total in [85, 10_000] {
        let t0 = processCPUNanoseconds()
        let w0 = wallNanoseconds()
        var written = 0
        for i in 0..<total {
            var record = records[i % records.count]
            record.householdID = "18223-\(String(100_000 + i).dropFirst())"
            guard let bytes = try? issuer.issue(record),
                let qr = try? QRCode(encoding: bytes, options: .init(errorCorrection: .medium)),
                let png = try? qr.rendered(as: .png(PNGOptions(scale: 8))),
                (try? Files.write(
                    png, to: scratch.appendingPathComponent("\(record.householdID).png").path, overwrite: .replace))
                    != nil
            else { continue }
            written += 1
        }
        let cpu = processCPUNanoseconds() - t0
        let wall = wallNanoseconds() - w0
        guard written == total else { fail("only \(written) of \(total) households were written") }
        report("household.batch_png_\(total)_cpu_s", cpu / 1e9, "s")
        report("household.batch_png_\(total)_per_s", Double(total) / (cpu / 1e9), "households/s")
        report("household.batch_png_\(total)_wall_s", wall / 1e9, "s")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? [] {
            try? FileManager.default.removeItem(at: scratch.appendingPathComponent(name))
        }
    }
}

/// The median thread CPU time of one `operation`, in ns; its results are kept so the work cannot be dropped.
func perOperation(_ operation: () -> UInt64) -> Double {
    measure { iterations in
        var acc: UInt64 = 0
        let t0 = threadCPUNanoseconds()
        for _ in 0..<iterations { acc &+= operation() }
        let t1 = threadCPUNanoseconds()
        sink &+= acc
        return t1 - t0
    }.median
}

func processCPUNanoseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

func wallNanoseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}
