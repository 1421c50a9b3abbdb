import ArgumentParser
import FileIO
import Provenance
import QRImaging
import QRPrint
import VietQR

extension OverwritePolicy {
    /// The policy `--force` asks for: replace an existing file with it, keep it without.
    init(force: Bool) { self = force ? .replace : .never }
}

/// A library's error as every command reports it: its stable code and message, the line printed after `error: `,
/// and the ``ExitStatus`` the command ends with. The one place that knows each library's error type.
///
/// The line is the library's own words; for an output file that was kept it adds the flag that replaces it. No
/// library names a flag: this is where the command-line advice is given.
struct ErrorReport {
    /// The error's stable camelCase code; `error` for an error of no library.
    let code: String
    /// The library's message, without code or position.
    let message: String
    /// What follows `error: `: the error with its code and position, and any advice.
    let line: String
    /// `code: message` and any advice, for a report that gives the position itself (`row 11: ...`).
    let withoutPosition: String
    /// The status the command exits with.
    let status: ExitCode
    /// Whether the error is one of the libraries' typed errors, rather than, say, ArgumentParser's.
    let isLibraryError: Bool

    /// - Parameters:
    ///   - error: Any error a command meets.
    ///   - keptFileAdvice: What to tell the user when an output file exists and was kept.
    init(_ error: any Error, keptFileAdvice: String = "pass --force to overwrite it") {
        var advice: String?
        var library = true
        switch error {
        case let error as FileError:
            (code, message) = (error.code.rawValue, error.message)
            status =
                switch error.code {
                case .fileExists: ExitStatus.cannotCreate
                // A file over its bound is an input that cannot be used, not one that could not be read.
                case .tooLarge: ExitStatus.dataError
                default: ExitStatus.ioError
                }
            if error.code == .fileExists { advice = keptFileAdvice }
        case let error as ProvenanceError:
            (code, message, status) = (error.code.rawValue, error.message, ExitStatus.dataError)
        case let error as QRImagingError:
            (code, message, status) = (error.code.rawValue, error.message, ExitStatus.dataError)
        case let error as QRPrintError:
            (code, message, status) = (error.code.rawValue, error.message, ExitStatus.dataError)
        case let error as VietQRError:
            (code, message, status) = (error.code.rawValue, error.message, ExitStatus.dataError)
        default:
            (code, message, status) = ("error", "\(error)", ExitStatus.failure)
            library = false
        }
        isLibraryError = library
        let suffix = advice.map { "; \($0)" } ?? ""
        line = "\(error)\(suffix)"
        withoutPosition = library ? "\(code): \(message)\(suffix)" : "\(error)"
    }

    /// Prints `error: ` and the line, after `context` (`cannot write card.svg: `), to standard error.
    ///
    /// - Returns: The status to exit with.
    func printed(context: String = "") -> ExitCode {
        Stderr.line("error: \(context)\(line)")
        return status
    }
}
