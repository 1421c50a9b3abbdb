/// What ``Files/write(_:to:overwrite:access:)`` does when the file is already there.
public enum OverwritePolicy: Hashable, Sendable {
    /// Leave an existing file alone and fail with ``FileError/Code/fileExists``. The check and the write are one
    /// step: a file that appears while the bytes are written is not replaced either.
    case never
    /// Replace an existing file atomically: a reader sees the old file or the new one, never a mix.
    case replace
}
