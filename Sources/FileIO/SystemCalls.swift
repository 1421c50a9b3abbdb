import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// The few calls swift-system does not wrap, one-to-one, each returning the `Errno` it failed with. Opening, reading,
// writing, closing and `fstat` go through swift-system's `FileDescriptor`, which retries on EINTR.

/// The error of the last failed call.
private func lastError() -> Errno { Errno(rawValue: errno) }

/// Flushes the file's data to its disk. The corresponding C function is `fsync`.
func systemSync(_ fd: FileDescriptor) -> Errno? {
    while fsync(fd.rawValue) != 0 {
        if lastError() != .interrupted { return lastError() }
    }
    return nil
}

/// Gives the file at `existing` a second name, failing if `new` exists. The corresponding C function is `link`.
func systemLink(_ existing: String, _ new: String) -> Errno? {
    link(existing, new) == 0 ? nil : lastError()
}

/// Moves `old` to `new`, replacing it atomically. The corresponding C function is `rename`.
func systemRename(_ old: String, _ new: String) -> Errno? {
    rename(old, new) == 0 ? nil : lastError()
}

/// Removes a name. The corresponding C function is `unlink`.
func systemUnlink(_ path: String) -> Errno? {
    unlink(path) == 0 ? nil : lastError()
}

/// Makes a folder, mode 0755 less the umask. The corresponding C function is `mkdir`.
func systemMakeDirectory(_ path: String) -> Errno? {
    mkdir(path, 0o755) == 0 ? nil : lastError()
}

/// This process's ID. The corresponding C function is `getpid`.
func systemProcessID() -> Int32 { Int32(getpid()) }

/// Whether no process `pid` runs: `kill(pid, 0)` probes without signalling, and ESRCH means there is none.
func systemProcessIsGone(_ pid: Int32) -> Bool {
    kill(pid_t(pid), 0) == -1 && lastError() == .noSuchProcess
}

/// The names in a folder, `.` and `..` included. The corresponding C functions are `opendir`, `readdir` and
/// `closedir`.
func systemListDirectory(_ path: String) -> Result<[String], Errno> {
    guard let stream = opendir(path) else { return .failure(lastError()) }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
        names.append(
            withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            })
    }
    return .success(names)
}
