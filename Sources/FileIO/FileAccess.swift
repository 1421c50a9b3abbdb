/// Who may read a file that ``Files/write(_:to:overwrite:access:)`` creates. The process's umask still applies.
public enum FileAccess: Hashable, Sendable {
    /// Readable by everyone, writable by its owner: mode 0644 (`rw-r--r--`), for images, sheets and lists.
    case shared
    /// Readable and writable by its owner only: mode 0600 (`rw-------`), for private keys. The file has this mode
    /// from its first byte, never a moment of 0644.
    case ownerOnly
}
