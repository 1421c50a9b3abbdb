import ArgumentParser

/// The exit statuses: one meaning in every command; ``ErrorReport`` gives a library error's. The root command's
/// help and the README show ``table``.
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
}
