import SystemPackage

/// Whole files, read with a size bound and written atomically, never over an existing file unless asked.
///
/// ```swift
/// let csv = try Files.read("village.csv", maximumBytes: 16 << 20)
/// try Files.write(png, to: "stickers/18223-0042.png", overwrite: .never)
/// ```
///
/// Every error is a ``FileError`` naming the path. Reads and writes go through swift-system's `FileDescriptor`,
/// which retries a call that a signal interrupts.
public enum Files {
    /// The largest file ``read(_:maximumBytes:)`` accepts by default: 256 MiB.
    public static let defaultMaximumBytes = 256 << 20

    /// Reads a whole file: a regular file, or a pipe (`/dev/stdin`, a shell's `<(...)`) to its end.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - maximumBytes: Refuse a larger file; a regular file is refused before any of it is read.
    /// - Returns: The file's bytes.
    /// - Throws: ``FileError`` naming `path`: ``FileError/Code/notFound``, ``FileError/Code/permissionDenied``,
    ///   ``FileError/Code/notAFile`` for a folder or a block device, ``FileError/Code/tooLarge`` past
    ///   `maximumBytes`, ``FileError/Code/io`` when reading fails.
    public static func read(_ path: String, maximumBytes: Int = defaultMaximumBytes) throws(FileError) -> [UInt8] {
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(FilePath(path), .readOnly, options: .closeOnExec)
        } catch {
            throw FileError(error, path: path, doing: "open")
        }
        defer { try? fd.close() }
        let info: Stat
        do {
            info = try fd.stat()
        } catch {
            throw FileError(error, path: path, doing: "inspect")
        }
        guard info.type != .directory, info.type != .blockSpecial else {
            throw FileError(
                code: .notAFile, path: path,
                message: "\(path) is a \(info.type == .directory ? "folder" : "block device"), not a file")
        }
        guard info.size <= maximumBytes else { throw tooLarge(path, maximumBytes) }
        // One byte more than fstat said, to see the end (or a file that grew) without a second buffer.
        var bytes = [UInt8](repeating: 0, count: Int(info.size) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= maximumBytes else { throw tooLarge(path, maximumBytes) }
                bytes += repeatElement(0, count: min(max(count, 4096), maximumBytes + 1 - count))
            }
            let read: Int
            do {
                read = try bytes.withUnsafeMutableBytes { buffer in
                    try fd.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
                }
            } catch {
                throw FileError(error, path: path, doing: "read")
            }
            if read == 0 { break }
            count += read
        }
        guard count <= maximumBytes else { throw tooLarge(path, maximumBytes) }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Writes a file atomically: the bytes go to a temporary file beside `path`, which is synced and then moved into
    /// place, so a reader never sees half a file, and a write cut short leaves the old file (or none) as it was.
    ///
    /// - Parameters:
    ///   - bytes: The file's content.
    ///   - path: Where to put it. Its folder must exist (see ``createDirectory(_:)``).
    ///   - overwrite: What to do when `path` exists. With ``OverwritePolicy/never`` the file is hard-linked into
    ///     place, which fails if the name appeared meanwhile: no window in which another file is replaced. On a
    ///     file system without hard links (FAT and exFAT, as on a USB stick or an SD card, and some network
    ///     shares) the name is first reserved by creating it exclusively, which fails if it exists, and the file
    ///     is then renamed over the reservation. There the name exists, as an empty file, for the moment between
    ///     the two steps: a reader in that moment sees an empty file, and a process killed in that moment leaves
    ///     one behind (never a part-written file).
    ///   - access: Who may read the new file.
    /// - Throws: ``FileError`` with ``FileError/Code/fileExists`` when `path` exists and `overwrite` is
    ///   ``OverwritePolicy/never``; ``FileError/Code/notFound``, ``FileError/Code/permissionDenied`` or
    ///   ``FileError/Code/io`` when the file cannot be written. The temporary file is removed in every case.
    public static func write(
        _ bytes: some Collection<UInt8>, to path: String, overwrite: OverwritePolicy = .never,
        access: FileAccess = .shared
    ) throws(FileError) {
        if overwrite == .never && exists(path) { throw fileExists(path) }
        let temporary = "\(path)\(temporaryMarker)\(systemProcessID())-\(UInt32.random(in: 0...UInt32.max))"
        let fd: FileDescriptor
        do {
            fd = try FileDescriptor.open(
                FilePath(temporary), .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec],
                permissions: access.permissions)
        } catch {
            throw FileError(error, path: path, doing: "create a temporary file for")
        }
        defer { _ = systemUnlink(temporary) }
        do {
            try fd.closeAfter {
                try fd.writeAll(bytes)
                if let failure = systemSync(fd) { throw failure }
            }
        } catch {
            throw FileError(error, path: path, doing: "write")
        }
        switch overwrite {
        case .never:
            if let failure = systemLink(temporary, path) {
                if failure == .fileExists { throw fileExists(path, systemError: failure) }
                guard linksAreUnsupported(failure) else { throw FileError(failure, path: path, doing: "create") }
                try publishOverReservation(temporary, at: path)
            }
        case .replace:
            if let failure = systemRename(temporary, path) { throw FileError(failure, path: path, doing: "replace") }
        }
        syncFolder(of: path)
    }

    /// Whether anything is at `path`: a file, a folder, or a symbolic link, even one that points nowhere.
    ///
    /// - Parameter path: The path to look at.
    /// - Returns: `true` when the name is taken.
    public static func exists(_ path: String) -> Bool {
        (try? FilePath(path).stat(followTargetSymlink: false)) != nil
    }

    /// Makes a folder, and the folders on the way to it, as `mkdir -p` does; a folder already there is fine.
    ///
    /// - Parameter path: The folder.
    /// - Throws: ``FileError`` naming the folder that could not be made: ``FileError/Code/notADirectory`` when a
    ///   file has its name, ``FileError/Code/permissionDenied`` or ``FileError/Code/io``.
    public static func createDirectory(_ path: String) throws(FileError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if let failure = systemMakeDirectory(prefix) {
                guard failure == .fileExists else { throw FileError(failure, path: prefix, doing: "create the folder") }
                guard (try? FilePath(prefix).stat())?.type == .directory else {
                    throw FileError(
                        code: .notADirectory, path: prefix, message: "\(prefix) exists and is not a folder",
                        systemError: failure.rawValue)
                }
            }
            prefix += "/"
        }
    }

    /// What ``write(_:to:overwrite:access:)`` puts between the path and the writer's process ID and a random
    /// number to name its temporary file: `stickers/18223-0042.png.tmp-4242-1234567`.
    static let temporaryMarker = ".tmp-"

    /// Flushes a folder's entries, so that a file moved into it survives a power cut; a failure is not an error,
    /// since the file itself is already complete and in place.
    static func syncFolder(of path: String) {
        let folder = path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        guard let fd = try? FileDescriptor.open(FilePath(folder), .readOnly, options: [.directory, .closeOnExec])
        else { return }
        _ = systemSync(fd)
        try? fd.close()
    }

    /// Whether `link` failed because the file system has no hard links, rather than for a reason that a second
    /// way of writing would meet too. FAT and exFAT on Linux give EPERM (the caller owns the temporary file, so
    /// EPERM is not the protected-hard-links rule), other file systems and FUSE mounts ENOTSUP, EOPNOTSUPP or
    /// ENOSYS.
    static func linksAreUnsupported(_ failure: Errno) -> Bool {
        [.notPermitted, .notSupported, .notSupportedOnSocket, .noFunction].contains(failure)
    }

    /// Puts the synced `temporary` at `path` without a hard link and without replacing a file: creates `path`
    /// exclusively (failing if it exists), then renames `temporary` over that empty reservation. The reservation is
    /// removed if the rename fails.
    static func publishOverReservation(_ temporary: String, at path: String) throws(FileError) {
        do {
            let reservation = try FileDescriptor.open(
                FilePath(path), .writeOnly, options: [.create, .exclusiveCreate, .closeOnExec],
                permissions: .ownerReadWrite)
            try? reservation.close()
        } catch {
            if let failure = error as? Errno, failure == .fileExists { throw fileExists(path, systemError: failure) }
            throw FileError(error, path: path, doing: "create")
        }
        if let failure = systemRename(temporary, path) {
            _ = systemUnlink(path)
            throw FileError(failure, path: path, doing: "create")
        }
    }

    /// The error for a name that is taken: found before writing (`systemError` nil), or met by the call that
    /// publishes the file.
    static func fileExists(_ path: String, systemError: Errno? = nil) -> FileError {
        FileError(
            code: .fileExists, path: path, message: "\(path) exists and is kept as it is",
            systemError: systemError?.rawValue)
    }

    static func tooLarge(_ path: String, _ maximumBytes: Int) -> FileError {
        FileError(code: .tooLarge, path: path, message: "\(path) is larger than the \(maximumBytes) bytes allowed")
    }
}

extension FileAccess {
    /// The mode the file is created with.
    var permissions: FilePermissions {
        switch self {
        case .shared: [.ownerReadWrite, .groupRead, .otherRead]
        case .ownerOnly: .ownerReadWrite
        }
    }
}

extension FileError {
    /// The error of a system call that failed on `path`, its code from the system's error number.
    init(_ error: any Error, path: String, doing action: String) {
        guard let errno = error as? Errno else {
            self.init(code: .io, path: path, message: "cannot \(action) \(path): \(error)")
            return
        }
        let code: Code =
            switch errno {
            case .noSuchFileOrDirectory: .notFound
            case .permissionDenied, .notPermitted, .readOnlyFileSystem: .permissionDenied
            case .isDirectory: .notAFile
            case .notDirectory: .notADirectory
            case .fileExists: .fileExists
            default: .io
            }
        self.init(
            code: code, path: path, message: "cannot \(action) \(path): \(errno.description)",
            systemError: errno.rawValue)
    }
}
