import FileIO

extension OverwritePolicy {
    /// The policy `--force` asks for: replace an existing file with it, keep it without.
    init(force: Bool) { self = force ? .replace : .never }
}

/// An error as the commands print it after `error: `: the library's own words, and for an output file that was
/// kept, the flag that replaces it. No library names a flag; this is where the command-line advice is given.
func describe(_ error: any Error) -> String {
    if let error = error as? FileError, error.code == .fileExists {
        return "\(error); pass --force to overwrite it"
    }
    return "\(error)"
}
