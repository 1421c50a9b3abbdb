/// Issues a whole village's codes: the rows of a ``HouseholdCSV`` in, one signed code or one failure per row out, in
/// row order.
///
/// Before a row is signed, the batch refuses it when its record is bad, when an earlier row has the same household ID
/// (a household ID appears once), or, given a trust list, when the list would not verify the code. Rows are
/// independent and are signed concurrently; the results are in row order whatever order they finish in, and each
/// finished row is reported to `progress` on the caller's own isolation.
///
/// ```swift
/// let batch = HouseholdBatch(issuer: issuer, trustList: trust)
/// var done = 0
/// for result in await batch.issue(csv.rows, progress: { done = $0.done }) {
///     switch result {
///     case .success(let issued): print(issued.record.householdID, issued.product.count, "bytes")
///     case .failure(let failure): print("row \(failure.row): \(failure.reason)")
///     }
/// }
/// ```
///
/// A caller that does more with each code (rendering it, writing its file) passes that work as the `step` of
/// ``issue(_:isolation:progress:_:)``, so that it runs concurrently with the signing and fails by row as well.
@available(macOS 10.15, iOS 13, tvOS 13, watchOS 6, *)
public struct HouseholdBatch: Sendable {
    /// The commune's key and its ID.
    public var issuer: HouseholdIssuer
    /// The trust list that bounds what the key may sign, or `nil` to sign every valid record.
    public var trustList: TrustList?
    /// The verifier page for link-form codes, `https://HOST/PATH`, or `nil` for raw codes.
    public var link: String?

    /// Makes a batch.
    ///
    /// - Parameters:
    ///   - issuer: The commune's key and its ID.
    ///   - trustList: Refuse, before signing, each row this list would not verify.
    ///   - link: Sign link-form codes for the verifier page at this address.
    public init(issuer: HouseholdIssuer, trustList: TrustList? = nil, link: String? = nil) {
        self.issuer = issuer
        self.trustList = trustList
        self.link = link
    }

    /// A row the batch accepted, ready to sign: its record is valid, it is the first row with its household ID, and
    /// the trust list (if any) lets the key sign it.
    public struct Row: Sendable {
        /// The row number in the CSV file, counting the header as row 1.
        public let number: Int
        /// The row's record.
        public let record: HouseholdRecord
        let batch: HouseholdBatch

        /// Signs the row's record.
        ///
        /// - Returns: What the row's QR symbol holds: the code's bytes or, with a ``HouseholdBatch/link``, the
        ///   link's text as UTF-8.
        /// - Throws: ``ProvenanceError`` for a code longer than a code may be, or a record whose verifier address
        ///   is not the link's.
        public func sign() throws(ProvenanceError) -> [UInt8] {
            try batch.issuer.symbolContent(for: record, link: batch.link)
        }
    }

    /// A row issued: its number, its record, and what the step made of it.
    public struct Issued<Product: Sendable>: Sendable {
        /// The row number in the CSV file.
        public let row: Int
        /// The row's record.
        public let record: HouseholdRecord
        /// What the step returned for the row; for ``HouseholdBatch/issue(_:isolation:progress:)``, the signed
        /// symbol content.
        public let product: Product
    }

    /// A row the batch did not issue, and why.
    public struct RowFailure<StepError: Error>: Error {
        /// The row number in the CSV file, counting the header as row 1.
        public let row: Int
        /// The household ID as the row gives it; empty when it has none.
        public let householdID: String
        /// Why the row failed.
        public let reason: Reason

        /// Why a row failed: refused by the batch, or failed in the step.
        public enum Reason: Sendable {
            /// The batch refused the row before its step: a bad record, a household ID an earlier row has
            /// (``ProvenanceError/Code/duplicateTag``), or a record the trust list would not verify. The error's
            /// ``ProvenanceError/row`` is the row's.
            case refused(ProvenanceError)
            /// The step threw.
            case failed(StepError)
        }
    }

    /// How far a batch has come.
    public struct Progress: Sendable, Hashable {
        /// The rows finished, issued or failed.
        public let done: Int
        /// The rows in the batch.
        public let total: Int
    }

    /// Signs every row the batch accepts.
    ///
    /// - Parameters:
    ///   - rows: The rows, from ``HouseholdCSV/rows``.
    ///   - isolation: Where `progress` runs: the caller's actor, by default.
    ///   - progress: Called once a row after it finishes, with the count of rows done so far.
    /// - Returns: Each row's signed symbol content (see ``Row/sign()``) or failure, in the order of `rows`.
    public func issue(
        _ rows: [HouseholdCSV.Row],
        isolation: isolated (any Actor)? = #isolation,
        progress: (Progress) -> Void = { _ in }
    ) async -> [Result<Issued<[UInt8]>, RowFailure<ProvenanceError>>] {
        await issue(rows, isolation: isolation, progress: progress) { (row) throws(ProvenanceError) in try row.sign() }
    }

    /// Runs `step` on every row the batch accepts, concurrently.
    ///
    /// The batch refuses bad, repeated and out-of-scope rows itself; `step` gets the others, signs each with
    /// ``Row/sign()`` (or finds its code already made, and need not sign it again), and makes of it what the
    /// caller needs: an image written to a file, say. What `step` throws fails that row only.
    ///
    /// - Parameters:
    ///   - rows: The rows, from ``HouseholdCSV/rows``.
    ///   - isolation: Where `progress` runs: the caller's actor, by default.
    ///   - progress: Called once a row after it finishes, with the count of rows done so far.
    ///   - step: The work for one accepted row, run concurrently with the other rows'.
    /// - Returns: Each row's product or failure, in the order of `rows`.
    public func issue<Product: Sendable, StepError: Error>(
        _ rows: [HouseholdCSV.Row],
        isolation: isolated (any Actor)? = #isolation,
        progress: (Progress) -> Void = { _ in },
        _ step: @escaping @Sendable (Row) throws(StepError) -> Product
    ) async -> [Result<Issued<Product>, RowFailure<StepError>>] {
        typealias Outcome = Result<Issued<Product>, RowFailure<StepError>>
        let repeated = Self.repeatedIDs(rows)
        var finished: [(index: Int, outcome: Outcome)] = []
        finished.reserveCapacity(rows.count)
        await withTaskGroup(of: (Int, Outcome).self, isolation: isolation) { group in
            for (index, row) in rows.enumerated() {
                group.addTask { (index, self.issue(row, repeated: repeated[index], step)) }
            }
            for await (index, outcome) in group {
                finished.append((index, outcome))
                progress(Progress(done: finished.count, total: rows.count))
            }
        }
        return finished.sorted { $0.index < $1.index }.map(\.outcome)
    }

    /// One row: checked, then handed to `step`.
    func issue<Product, StepError: Error>(
        _ row: HouseholdCSV.Row, repeated: Bool, _ step: (Row) throws(StepError) -> Product
    ) -> Result<Issued<Product>, RowFailure<StepError>> {
        func failure(_ reason: RowFailure<StepError>.Reason) -> Result<Issued<Product>, RowFailure<StepError>> {
            .failure(RowFailure(row: row.number, householdID: row.householdID, reason: reason))
        }
        let record: HouseholdRecord
        do throws(ProvenanceError) {
            record = try row.record.get()
            guard !repeated else {
                throw ProvenanceError(
                    code: .duplicateTag, message: "household \(record.householdID) appears in an earlier row")
            }
            if let trustList { try issuer.check(record, against: trustList) }
        } catch {
            return failure(.refused(error.at(row: row.number)))
        }
        do throws(StepError) {
            let product = try step(Row(number: row.number, record: record, batch: self))
            return .success(Issued(row: row.number, record: record, product: product))
        } catch {
            return failure(.failed(error))
        }
    }

    /// For each row, whether an earlier row with a record has the same household ID: the first row with an ID is
    /// issued, the later ones are refused.
    static func repeatedIDs(_ rows: [HouseholdCSV.Row]) -> [Bool] {
        var seen: Set<String> = []
        return rows.map { row in
            guard case .success(let record) = row.record else { return false }
            return !seen.insert(record.householdID).inserted
        }
    }
}
