import Foundation
import Provenance
import Synchronization
import Testing

@Suite struct HouseholdBatchTests {
    /// The fixture village: 85 rows, of which rows 11, 24, 38, 52 and 70 are bad.
    static func village() throws -> HouseholdCSV { try HouseholdCSV(try fixtureBytes("village-85.csv")) }

    /// A CSV of the fixture's header and the given data lines of it, by their row numbers (2 is the first).
    static func csv(rows: [Int]) throws -> HouseholdCSV {
        let lines = try fixtureText("village-85.csv").split(separator: "\n")
        return try HouseholdCSV(Array((([lines[0]] + rows.map { lines[$0 - 1] }).joined(separator: "\n") + "\n").utf8))
    }

    /// A village of households numbered `numbers`, all row 2 of the fixture under their own IDs.
    static func bigVillage(_ numbers: [Int]) throws -> HouseholdCSV {
        let lines = try fixtureText("village-85.csv").split(separator: "\n")
        var text = lines[0] + "\n"
        for n in numbers {
            text += String(format: "18223-%04d", n) + lines[1].dropFirst("18223-0001".count) + "\n"
        }
        return try HouseholdCSV(Array(text.utf8))
    }

    @Test("every good row is signed, every bad one fails with its row number, in row order")
    func village85() async throws {
        let signer = try TestSigner()
        let csv = try Self.village()
        let results = await HouseholdBatch(issuer: signer.issuer).issue(csv.rows)
        #expect(results.count == 85)
        var failed: [Int: ProvenanceCode] = [:]
        let verifier = HouseholdVerifier(trustList: signer.trust)
        for (row, result) in zip(csv.rows, results) {
            switch result {
            case .success(let issued):
                #expect(issued.row == row.number)
                #expect(issued.record == (try row.record.get()))
                #expect(issued.product == (try signer.issuer.issue(try row.record.get())))
                #expect(verifier.verify(issued.product, today: fixtureToday).verdict == .verified)
            case .failure(let failure):
                #expect(failure.row == row.number)
                #expect(failure.householdID == row.householdID)
                guard case .refused(let error) = failure.reason else {
                    Issue.record("row \(row.number) failed in signing: \(failure.reason)")
                    continue
                }
                #expect(error.row == row.number)
                failed[failure.row] = error.code
            }
        }
        #expect(
            failed == [
                11: .provenance(.unknownCode), 24: .provenance(.invalidField), 38: .provenance(.invalidValidity),
                52: .provenance(.unknownPlace), 70: .provenance(.missingField),
            ])
    }

    @Test("a household ID appears once: later rows with it are refused at their own row")
    func duplicates() async throws {
        let signer = try TestSigner()
        // Rows 2, 3 and 6 of the file are the fixture's row 2; row 4 its bad row 11; row 5 its row 3.
        let csv = try Self.csv(rows: [2, 2, 11, 3, 2])
        #expect(csv.rows.map(\.number) == [2, 3, 4, 5, 6])
        let results = await HouseholdBatch(issuer: signer.issuer).issue(csv.rows)
        let outcome = results.map { result -> String in
            switch result {
            case .success(let issued): "issued \(issued.record.householdID)"
            case .failure(let failure):
                if case .refused(let error) = failure.reason { "\(error.code) at \(error.row ?? 0)" } else { "failed" }
            }
        }
        #expect(
            outcome == [
                "issued 18223-0001", "duplicateTag at 3", "unknownCode at 4", "issued 18223-0002", "duplicateTag at 6",
            ])
    }

    @Test("with a trust list, rows it would not verify are refused before signing")
    func trustListRefuses() async throws {
        let signer = try TestSigner()
        let csv = try Self.csv(rows: [2, 3, 11])
        let inList = await HouseholdBatch(issuer: signer.issuer, trustList: signer.trust).issue(csv.rows)
        #expect(inList.map { (try? $0.get()) != nil } == [true, true, false])
        // An empty list holds no key: every good row is refused, at its row, with the list's error.
        let empty = await HouseholdBatch(issuer: signer.issuer, trustList: TrustList()).issue(csv.rows)
        let refused = empty.map { result -> ProvenanceError? in
            guard case .failure(let failure) = result, case .refused(let error) = failure.reason else { return nil }
            return error
        }
        #expect(
            refused.map { $0?.code } == [.provenance(.invalidKey), .provenance(.invalidKey), .provenance(.unknownCode)])
        #expect(refused.map { $0?.row } == [2, 3, 4])
    }

    @Test("with a link, each row's product is the link's text, whose code verifies")
    func link() async throws {
        let signer = try TestSigner()
        let base = "https://kimhoa.example.vn/v"
        let csv = try Self.csv(rows: [2, 3])
        let results = await HouseholdBatch(issuer: signer.issuer, link: base).issue(csv.rows)
        let verifier = HouseholdVerifier(trustList: signer.trust)
        for result in results {
            let issued = try result.get()
            let link = try HouseholdLink(parsing: issued.product)
            #expect(link.base == base)
            #expect(issued.product.starts(with: Array(base.utf8)))
            #expect(verifier.verify(scanned: issued.product, today: fixtureToday).verdict == .verified)
        }
    }

    @Test("progress is reported once a row, counting up to the total", arguments: [0, 1, 85])
    func progress(rows: Int) async throws {
        let csv = try Self.csv(rows: Array((2..<87).prefix(rows)))
        var reports: [HouseholdBatch.Progress] = []
        let results = await HouseholdBatch(issuer: try TestSigner().issuer).issue(csv.rows) { reports.append($0) }
        #expect(results.count == rows)
        #expect(reports.map(\.done) == Array((0..<rows).map { $0 + 1 }))
        #expect(reports.allSatisfy { $0.total == rows })
    }

    struct StepError: Error, Equatable {
        let householdID: String
    }

    @Test("the step runs once for each accepted row only, and what it throws fails that row")
    func stepFailures() async throws {
        let signer = try TestSigner()
        let csv = try Self.village()
        let calls = Mutex<[Int]>([])
        let results = await HouseholdBatch(issuer: signer.issuer).issue(csv.rows) {
            (row) throws(StepError) -> Int in
            calls.withLock { $0.append(row.number) }
            if row.number % 10 == 3 { throw StepError(householdID: row.record.householdID) }
            return row.number
        }
        let bad: Set = [11, 24, 38, 52, 70]
        #expect(calls.withLock { $0.sorted() } == (2...86).filter { !bad.contains($0) })
        for (row, result) in zip(csv.rows, results) {
            switch result {
            case .success(let issued):
                #expect(issued.product == row.number)
                #expect(row.number % 10 != 3 && !bad.contains(row.number))
            case .failure(let failure):
                #expect(failure.row == row.number)
                switch failure.reason {
                case .refused(let error): #expect(bad.contains(row.number), "\(error)")
                case .failed(let error): #expect(error == StepError(householdID: row.householdID))
                }
            }
        }
    }

    /// Runs every job on a thread of its own, so that any number of a batch's rows run at once, however many cores
    /// the machine has: a row can wait for others to finish first without holding them up.
    final class ThreadPerJobExecutor: TaskExecutor {
        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            let executor = asUnownedTaskExecutor()
            Thread { job.runSynchronously(on: executor) }.start()
        }
    }

    /// Every order of `values`.
    static func permutations(_ values: [Int]) -> [[Int]] {
        guard let first = values.first else { return [[]] }
        return permutations(Array(values.dropFirst())).flatMap { rest in
            (0...rest.count).map { Array(rest[..<$0]) + [first] + Array(rest[$0...]) }
        }
    }

    @Test("the results do not depend on the order in which rows finish: every order of a small batch")
    func deterministic() async throws {
        let signer = try TestSigner()
        // Household 2 again at the end: refused however early its row finishes.
        let csv = try Self.bigVillage([1, 2, 3, 4, 2])
        let batch = HouseholdBatch(issuer: signer.issuer)
        let serial = csv.rows.map { row in try? signer.issuer.issue(try row.record.get()) }
        let accepted = csv.rows.dropLast().map(\.number)
        let orders = Self.permutations(accepted)
        #expect(orders.count == 24 && Set(orders).count == 24)
        for order in orders {
            // Each row's step finishes only after the rows before it in `order` have finished.
            let finished = Mutex<[Int]>([])
            let results = await withTaskExecutorPreference(ThreadPerJobExecutor()) {
                await batch.issue(csv.rows) { (row) throws(ProvenanceError) -> [UInt8] in
                    let place = order.firstIndex(of: row.number)!
                    for _ in 0..<10_000 where finished.withLock({ $0.count }) < place { usleep(1000) }
                    let signed = try row.sign()
                    finished.withLock { $0.append(row.number) }
                    return signed
                }
            }
            #expect(finished.withLock { $0 } == order)
            #expect(results.map { try? $0.get().row } == accepted.map { Optional($0) } + [nil])
            #expect(results.map { try? $0.get().product } == Array(serial.dropLast()) + [nil])
            guard case .failure(let failure) = results.last, case .refused(let error) = failure.reason else {
                Issue.record("the repeated household was issued")
                continue
            }
            #expect(error.code == .provenance(.duplicateTag) && error.row == 6)
        }
    }
}
