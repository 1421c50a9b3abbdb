import ArgumentParser
import Dispatch
import Glibc
import Provenance
import QRImaging

/// `villageqr household batch`: a whole village's codes from one CSV file.
struct HouseholdBatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Sign every household in a CSV file: one image per household and a printable sheet.",
        discussion: """
            The CSV has a header row and UTF-8 text; its columns are in the "Issue and verify household codes"
            article. Each image is named by household ID (DIR/18223-0042.png). A bad row is reported with its row
            number and reason and does not stop the rest. Files are written atomically and never overwritten
            without --force. With --link https://HOST/PATH every image holds the link form. Exit status: 0 when every row was issued, 1 when any row failed, 64 on a usage error.
            """
    )

    @Argument(help: "The households, CSV.")
    var households: String

    @OptionGroup var signing: HouseholdSigningOptions

    @Option(help: "The folder for the images; created if missing.")
    var outDir: String

    @Option(help: "Image format for each household: png or svg.")
    var format: ImageKind = .png

    @Option(help: "Also write a printable SVG sheet: each code with the head's name under it.")
    var sheet: String?

    @Flag(help: "Overwrite existing images and sheet.")
    var force = false

    enum ImageKind: String, ExpressibleByArgument, CaseIterable {
        case png, svg
    }

    /// What became of one row: its record and, for the sheet, its code as SVG; or the line reporting its failure.
    enum Outcome: Sendable {
        case issued(HouseholdRecord, svg: String?, modules: Int)
        case failed(String)
    }

    /// Signs one row, writes its image, and renders it for the sheet when one is asked for.
    func issueRow(_ row: HouseholdCSV.Row, duplicate: Bool, issuer: HouseholdIssuer, trust: TrustList?) -> Outcome {
        do {
            let record = try row.record.get()
            guard !duplicate else {
                throw ProvenanceError(
                    code: .duplicateTag, row: row.number,
                    message: "household \(record.householdID) appears in an earlier row")
            }
            try HouseholdSigningOptions.check(record, issuer, trust)
            let code = try HouseholdImage.code(for: try signing.issue(record, with: issuer))
            let path = "\(outDir)/\(record.householdID).\(format.rawValue)"
            try code.write(to: path, as: HouseholdImage.format(for: path), overwrite: force)
            let modules = code.size + 2 * QRRenderStyle().margin
            return .issued(record, svg: sheet == nil ? nil : try code.svg(SVGOptions()), modules: modules)
        } catch let error as ProvenanceError {
            return .failed("row \(row.number): \(error.code): \(error.message)")
        } catch let error as QRImagingError {
            return .failed("row \(row.number): \(error.code): \(error.message)")
        } catch {
            return .failed("row \(row.number): \(error)")
        }
    }

    func validate() throws {
        if let sheet, !sheet.lowercased().hasSuffix(".svg") { throw ValidationError("--sheet must end in .svg.") }
    }

    func run() throws {
        let (issuer, csv, trust) = try reportingFailures {
            (
                try signing.issuer(), try HouseholdCSV(try QRImageFile.read(households, maximumBytes: 256 << 20)),
                try signing.trustList()
            )
        }
        if mkdir(outDir, 0o755) != 0 && errno != EEXIST {
            Stderr.line("error: cannot create \(outDir): \(String(cString: strerror(errno)))")
            throw ExitCode.failure
        }
        // A household ID may appear once; later rows with the same ID fail.
        var seen: Set<String> = []
        let duplicate = csv.rows.map { row in
            guard case .success(let record) = row.record else { return false }
            return !seen.insert(record.householdID).inserted
        }
        // Rows are independent: sign, encode and write them on every core, in chunks so the bar can move.
        let outcomes = ResultSlots<Outcome>(count: csv.rows.count, initial: .failed(""))
        var progress = ProgressBar(total: csv.rows.count)
        let chunk = 64
        for start in stride(from: 0, to: csv.rows.count, by: chunk) {
            let end = min(start + chunk, csv.rows.count)
            DispatchQueue.concurrentPerform(iterations: end - start) { offset in
                let index = start + offset
                outcomes[index] = issueRow(
                    csv.rows[index], duplicate: duplicate[index], issuer: issuer, trust: trust)
            }
            progress.update(end)
        }
        var sheetBuilder = StickerSheet()
        var failures: [String] = []
        var issued = 0
        for index in 0..<outcomes.count {
            let outcome = outcomes[index]
            switch outcome {
            case .failed(let reason):
                failures.append(reason)
            case .issued(let record, let svg, let modules):
                issued += 1
                if let svg {
                    try? sheetBuilder.append(
                        svg: svg, modules: modules, caption: record.head,
                        subcaption: "\(record.householdID) · \(record.place.village)")
                }
            }
        }
        progress.finish()
        for failure in failures { Stderr.line(failure) }
        var sheetFiles: [String] = []
        if let sheet {
            // The whole sheet for a screen, and one file per A4 page for a printer when there is more than one.
            let pages = sheetBuilder.pageCount > 1 ? sheetBuilder.pages() : []
            let stem = String(sheet.dropLast(4))
            let files =
                [(sheet, sheetBuilder.svg())]
                + pages.enumerated().map { ("\(stem)-page\($0.offset + 1).svg", $0.element) }
            do {
                for (path, text) in files {
                    try QRImageFile.write(Array(text.utf8), to: path, overwrite: force)
                    sheetFiles.append(path)
                }
            } catch {
                Stderr.line("error: \(error)")
                throw ExitCode.failure
            }
        }
        Stderr.line(
            "\(issued) of \(csv.rows.count) households issued into \(outDir)"
                + (sheet.map { ", sheet \($0)" } ?? "")
                + (sheetFiles.count > 1 ? " (\(sheetFiles.count - 1) A4 pages: \(sheetFiles[1]) …)" : "")
                + (failures.isEmpty ? "" : "; \(failures.count) row(s) failed"))
        if !failures.isEmpty { throw ExitCode.failure }
    }
}

/// Results filled in by index from concurrent iterations, each index by exactly one iteration and read only after
/// they have all finished; that discipline, not a lock, is what makes it safe to share.
final class ResultSlots<Element>: @unchecked Sendable {
    private let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int, initial: Element) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: initial, count: count)
    }

    subscript(index: Int) -> Element {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }
}
