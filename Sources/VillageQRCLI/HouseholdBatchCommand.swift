import ArgumentParser
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
            without --force. Exit status: 0 when every row was issued, 1 when any row failed, 64 on a usage error.
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

    func validate() throws {
        if let sheet, !sheet.lowercased().hasSuffix(".svg") { throw ValidationError("--sheet must end in .svg.") }
    }

    func run() throws {
        let issuer: HouseholdIssuer
        let csv: HouseholdCSV
        do {
            issuer = try signing.issuer()
            csv = try HouseholdCSV(try QRImageFile.read(households, maximumBytes: 256 << 20))
        } catch let error as ProvenanceError {
            throw failing(error)
        } catch let error as QRImagingError {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        if mkdir(outDir, 0o755) != 0 && errno != EEXIST {
            printError("error: cannot create \(outDir): \(String(cString: strerror(errno)))")
            throw ExitCode.failure
        }
        var progress = ProgressBar(total: csv.rows.count)
        var sheetBuilder = StickerSheet()
        var failures: [String] = []
        var issued = 0
        var seen: Set<String> = []
        for (index, row) in csv.rows.enumerated() {
            defer { progress.update(index + 1) }
            do {
                let record = try row.record.get()
                guard seen.insert(record.householdID).inserted else {
                    throw ProvenanceError(
                        code: .duplicateTag, row: row.number,
                        message: "household \(record.householdID) appears in an earlier row")
                }
                let bytes = try issuer.issue(record)
                let code = try HouseholdImage.code(for: bytes)
                let path = "\(outDir)/\(record.householdID).\(format.rawValue)"
                try code.write(to: path, as: HouseholdImage.format(for: path), overwrite: force)
                if sheet != nil {
                    try sheetBuilder.append(
                        svg: try code.svg(SVGOptions()), modules: code.size + 2 * QRRenderStyle().margin,
                        caption: record.head, subcaption: "\(record.householdID) · \(record.place.village)")
                }
                issued += 1
            } catch let error as ProvenanceError {
                failures.append("row \(row.number): \(error.code): \(error.message)")
            } catch let error as QRImagingError {
                failures.append("row \(row.number): \(error.code): \(error.message)")
            }
        }
        progress.finish()
        for failure in failures { printError(failure) }
        if let sheet {
            do {
                try QRImageFile.write(Array(sheetBuilder.svg().utf8), to: sheet, overwrite: force)
            } catch {
                printError("error: \(error)")
                throw ExitCode.failure
            }
        }
        printError(
            "\(issued) of \(csv.rows.count) households issued into \(outDir)"
                + (sheet.map { ", sheet \($0)" } ?? "") + (failures.isEmpty ? "" : "; \(failures.count) row(s) failed"))
        if !failures.isEmpty { throw ExitCode.failure }
    }
}
