import ArgumentParser
import FileIO
import Provenance
import QRImaging
import QRPrint
import Testing

@testable import VillageQRCLI

/// Every library's error becomes one line and one exit status, the same in every command.
@Suite struct ErrorReportTests {
    @Test func eachLibraryErrorHasItsStatusAndLine() {
        let kept = FileError(code: .fileExists, path: "a.png", message: "a.png exists and is kept as it is")
        let cases: [(any Error, code: String, status: ExitCode, line: String, withoutPosition: String)] = [
            (
                kept, "fileExists", ExitStatus.cannotCreate,
                "fileExists: a.png exists and is kept as it is; pass --force to overwrite it",
                "fileExists: a.png exists and is kept as it is; pass --force to overwrite it"
            ),
            (
                FileError(code: .tooLarge, path: "v.csv", message: "v.csv is too large"), "tooLarge",
                ExitStatus.dataError, "tooLarge: v.csv is too large", "tooLarge: v.csv is too large"
            ),
            (
                FileError(code: .notFound, path: "v.csv", message: "no v.csv", systemError: 2), "notFound",
                ExitStatus.ioError, "notFound: no v.csv", "notFound: no v.csv"
            ),
            (
                ProvenanceError(code: .invalidField, row: 11, message: "no head"), "invalidField",
                ExitStatus.dataError, "ProvenanceError.invalidField at row 11: no head", "invalidField: no head"
            ),
            (
                QRImagingError(code: .dataTooLong, offset: 3, message: "too long"), "dataTooLong",
                ExitStatus.dataError, "dataTooLong at byte 3: too long", "dataTooLong: too long"
            ),
            (
                QRPrintError(.invalidStock, sticker: 2, "no room"), "invalid-stock", ExitStatus.dataError,
                "invalid-stock at sticker 2: no room", "invalid-stock: no room"
            ),
            (
                ValidationError("bad"), "error", ExitStatus.failure, "bad", "bad"
            ),
        ]
        for (error, code, status, line, withoutPosition) in cases {
            let report = ErrorReport(error)
            #expect(report.code == code)
            #expect(report.status == status, "\(error)")
            #expect(report.line == line)
            #expect(report.withoutPosition == withoutPosition)
            #expect(report.isLibraryError == !(error is ValidationError))
        }
        #expect(
            ErrorReport(kept, keptFileAdvice: "a key is never overwritten").line
                == "fileExists: a.png exists and is kept as it is; a key is never overwritten")
    }
}
