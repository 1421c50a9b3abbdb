import ArgumentParser
import FileIO
import Provenance
import QRImaging
import QRPrint
import VietQR

/// The exit statuses: one meaning in every command. The root command's help and the README show ``table``.
enum ExitStatus {
    /// 1: a result is negative or partial: a payload is invalid, an image gives no code, a household code or a list
    /// is not verified, a row is not issued, no bank matches.
    static let failure = ExitCode(1)
    /// 65: an input the command needs cannot be used: values that cannot be encoded, a malformed record, CSV, key or
    /// list, text too long for a QR code.
    static let dataError = ExitCode(65)
    /// 73: an output file exists and is not overwritten (without --force, and a key never).
    static let cannotCreate = ExitCode(73)
    /// 74: a file or folder could not be read, created or written.
    static let ioError = ExitCode(74)

    /// The table, as `villageqr --help` prints it.
    static let table = """
        Exit status, the same in every command:
          0   success: every input valid, found, verified or issued
          1   a negative or partial result: invalid, missing, unverified, not issued
          64  usage: a missing or wrong option or argument; nothing was done
          65  bad data: an input the command needs is malformed or cannot be encoded
          73  an output file exists and is kept (without --force; a key, always)
          74  a file or folder could not be read, created or written
        """

    /// The status for a library's typed error that stops a command.
    static func status(for error: any Error) -> ExitCode {
        switch error {
        case let error as FileError where error.code == .fileExists: cannotCreate
        // A file over its bound is an input that cannot be used, not one that could not be read.
        case let error as FileError where error.code == .tooLarge: dataError
        case is FileError: ioError
        case is QRImagingError, is QRPrintError, is ProvenanceError, is VietQRError: dataError
        default: failure
        }
    }
}
