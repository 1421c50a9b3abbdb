import ArgumentParser
import FileIO
import Provenance
import QRImaging
import QRPrint

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `villageqr household batch`: a whole village's codes from one CSV file.
struct HouseholdBatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Sign every household in a CSV file: one image per household and a printable sheet.",
        discussion: """
            The CSV is UTF-8 ("CSV UTF-8" in Excel) with a header row; `villageqr household template` writes one \
            to start from, and its help lists the columns and the allowed values. Headers may be English or \
            Vietnamese, codes may be names, two-letter codes or labels in either language, and fields may be \
            separated by commas or semicolons. Each image is named by household ID (DIR/18223-0042.png). A bad \
            row is reported with its row number and reason and does not stop the rest.

            Files are written atomically and never overwritten without --force. A run that was killed leaves \
            complete images and stray DIR/*.png.tmp-* files: the next run removes those, and --skip-existing \
            finishes the rest without signing again the households whose image is there. With --link \
            https://HOST/PATH every image holds the link form, and every sticker tells a buyer to scan it.

            --sheet lays the codes out for a sheet of A4 labels (--stock), every code the same printed size and \
            never under 0.4 mm a module; a stock too small for the codes is refused. Exit status: 0 when every \
            row was issued, 1 when any row failed or the sheet could not be laid out, 64 on a usage error.
            """
    )

    @Argument(help: "The households, CSV.")
    var households: String

    @OptionGroup var signing: HouseholdSigningOptions

    @Option(help: "The folder for the images; created if missing.")
    var outDir: String

    @Option(help: "Image format for each household: png or svg.")
    var format: ImageKind = .png

    @Option(help: "Also write a printable SVG sheet of stickers: each code with the head's name beside it.")
    var sheet: String?

    @Option(
        help: ArgumentHelp(
            "The label stock for --sheet, labels of \(LabelStock.sizes).",
            discussion: "By default, the stock with the most labels a page that prints every code at 0.4 mm a module: "
                + "a4-3x8 for raw codes, a4-3x7-70x42 for link-form codes."))
    var stock: LabelStock?

    @Flag(help: "Overwrite existing images and sheet.")
    var force = false

    @Flag(help: "Keep the images already in --out-dir and issue only the households that have none.")
    var skipExisting = false

    enum ImageKind: String, ExpressibleByArgument, CaseIterable {
        case png, svg
    }

    /// What the batch made of an issued row: its code for the sheet, when one is asked for, and whether its image
    /// was already there.
    struct Written: Sendable {
        let code: QRCode?
        let kept: Bool
    }

    /// The images of a batch: where each goes and how it is written.
    struct ImageFolder: Sendable {
        let outDir: String
        let format: ImageKind
        let force: Bool
        let skipExisting: Bool
        let forSheet: Bool
        let keyID: String

        /// The image file of a household.
        func path(_ householdID: String) -> String { "\(outDir)/\(Self.fileName(householdID, format))" }

        /// The name of a household's image in the folder.
        static func fileName(_ householdID: String, _ format: ImageKind) -> String {
            "\(householdID).\(format.rawValue)"
        }

        /// Signs one row and writes its image, or with --skip-existing keeps the image already there; renders it
        /// for the sheet when one is asked for.
        func write(_ row: HouseholdBatch.Row) throws -> Written {
            let path = path(row.record.householdID)
            if skipExisting && Files.exists(path) {
                return Written(code: forSheet ? try existingCode(path, record: row.record) : nil, kept: true)
            }
            let code = try HouseholdImage.code(for: try row.sign())
            try HouseholdImage.write(code, to: path, overwrite: OverwritePolicy(force: force))
            return Written(code: forSheet ? code : nil, kept: false)
        }

        /// For the sheet, the code of an image kept by --skip-existing: scanned back, and checked to be this
        /// household's and signed with this key.
        func existingCode(_ path: String, record: HouseholdRecord) throws -> QRCode {
            for symbol in try QRScanner().scan(imageData: try Files.read(path)) {
                let code: HouseholdCode
                do {
                    guard let scanned = try ScannedHouseholdCode(recognizing: symbol.bytes) else { continue }
                    code = try HouseholdCode(parsing: scanned.bytes[...])
                } catch {
                    continue  // another code in the picture, not a household's
                }
                guard case .success(let found) = code.record, found.householdID == record.householdID else {
                    continue
                }
                guard code.keyID == keyID else {
                    throw ProvenanceError(
                        code: .invalidField,
                        message: "\(path) is signed with key \(code.keyID ?? "none"), not \(keyID); remove it to "
                            + "issue a new one")
                }
                return try HouseholdImage.code(for: symbol.bytes)
            }
            throw ProvenanceError(
                code: .invalidField,
                message: "\(path) does not hold household \(record.householdID)'s code; remove it to issue a new one")
        }
    }

    /// The line reporting a row that was not issued: `row 11: invalidField: ...`.
    static func report(_ failure: HouseholdBatch.RowFailure<any Error>) -> String {
        let error: any Error =
            switch failure.reason {
            case .refused(let error): error
            case .failed(let error): error
            }
        return "row \(failure.row): \(ErrorReport(error).withoutPosition)"
    }

    func validate() throws {
        if let sheet, !sheet.lowercased().hasSuffix(".svg") { throw ValidationError("--sheet must end in .svg.") }
        if skipExisting && force { throw ValidationError("--skip-existing keeps images; --force replaces them.") }
        if skipExisting && sheet != nil && format == .svg {
            throw ValidationError("--skip-existing with --sheet reads the kept images back, which needs --format png.")
        }
    }

    /// Removes the temporary files a killed run of this batch left: its images' and its sheets'.
    func removeStrayTemporaries(_ csv: HouseholdCSV) throws {
        var names = Set(csv.rows.map { ImageFolder.fileName($0.householdID, format) })
        var folders = [outDir: names]
        if let sheet {
            let url = URL(fileURLWithPath: sheet)
            names = [url.lastPathComponent]
            let stem = url.deletingPathExtension().lastPathComponent
            for page in 1...max(1, csv.rows.count) { names.insert("\(stem)-page\(page).svg") }
            folders[url.deletingLastPathComponent().path, default: []].formUnion(names)
        }
        var removed = 0
        for (folder, names) in folders {
            removed += try Files.removeStrayTemporaries(in: folder, for: names).count
        }
        if removed > 0 { Stderr.line("note: removed \(removed) temporary file(s) left by an interrupted run") }
    }

    func run() async throws {
        let (issuer, csv, trust) = try reportingFailures {
            (
                try signing.issuer(), try HouseholdCSV(try Files.read(households)),
                try signing.trustList()
            )
        }
        try reportingFailures { try Files.createDirectory(outDir) }
        try reportingFailures { try removeStrayTemporaries(csv) }
        let folder = ImageFolder(
            outDir: outDir, format: format, force: force, skipExisting: skipExisting, forSheet: sheet != nil,
            keyID: issuer.keyID)
        let batch = HouseholdBatch(issuer: issuer, trustList: trust, link: signing.link)
        var progress = ProgressBar(total: csv.rows.count)
        let outcomes = await batch.issue(csv.rows, progress: { progress.update($0.done) }) {
            (row) throws(any Error) in try folder.write(row)
        }
        let codes = outcomes.lazy.compactMap { (outcome) -> QRCode? in
            if case .success(let row) = outcome { row.product.code } else { nil }
        }
        let stock = stock ?? LabelStock.smallest(fitting: codes) ?? .a4Labels3x8
        var sheetBuilder = try reportingFailures { try StickerSheet(stock: stock) }
        var sheetError: QRPrintError?
        var failures: [String] = []
        var issued = 0
        var kept = 0
        for outcome in outcomes {
            switch outcome {
            case .failure(let failure):
                failures.append(Self.report(failure))
            case .success(let row):
                if row.product.kept { kept += 1 } else { issued += 1 }
                guard let code = row.product.code, sheetError == nil else { continue }
                do throws(QRPrintError) {
                    try sheetBuilder.append(
                        code,
                        lines: [
                            row.record.head, HouseholdLink.buyerInstruction,
                            "\(row.record.householdID) · \(row.record.place.village)",
                        ])
                } catch {
                    sheetError = error
                }
            }
        }
        progress.finish()
        for failure in failures { Stderr.line(failure) }
        if let sheetError {
            Stderr.line("error: the sheet was not written: \(sheetError)")
        }
        var sheetFiles: [String] = []
        if let sheet, sheetError == nil {
            // The whole sheet for a screen, and one file per A4 page for a printer when there is more than one.
            let pages = sheetBuilder.pageCount > 1 ? sheetBuilder.pages() : []
            let stem = String(sheet.dropLast(4))
            let files =
                [(sheet, sheetBuilder.svg())]
                + pages.enumerated().map { ("\(stem)-page\($0.offset + 1).svg", $0.element) }
            do {
                for (path, text) in files {
                    try Files.write(Array(text.utf8), to: path, overwrite: OverwritePolicy(force: force))
                    sheetFiles.append(path)
                }
            } catch {
                throw ErrorReport(error).printed()
            }
        }
        Stderr.line(
            "\(issued) of \(csv.rows.count) households issued into \(outDir)"
                + (skipExisting ? ", \(kept) kept as they were" : "")
                + (sheetFiles.first.map { ", sheet \($0)" } ?? "")
                + (sheetFiles.count > 1 ? " (\(sheetFiles.count - 1) A4 pages: \(sheetFiles[1]) …)" : "")
                + (failures.isEmpty ? "" : "; \(failures.count) row(s) failed"))
        if !failures.isEmpty || sheetError != nil { throw ExitStatus.failure }
    }
}
