import Glibc

/// Reads and writes image files safely: bounded reads, atomic writes that never clobber unless asked.
public enum QRImageFile {
    /// The largest file ``read(_:maximumBytes:)`` accepts by default: 256 MiB.
    public static let defaultMaximumBytes = 256 << 20

    /// Reads a whole file.
    ///
    /// - Parameters:
    ///   - path: the file to read.
    ///   - maximumBytes: refuse larger files before reading them.
    /// - Returns: the file's bytes.
    /// - Throws: ``QRImagingError/Code/io`` when the file cannot be opened or read,
    ///   ``QRImagingError/Code/tooLarge`` when it is larger than `maximumBytes`.
    public static func read(_ path: String, maximumBytes: Int = defaultMaximumBytes) throws(QRImagingError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw QRImagingError(.io, "cannot open \(path): \(errnoText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw QRImagingError(.io, "cannot stat \(path): \(errnoText())") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw QRImagingError(.io, "\(path) is not a regular file") }
        guard info.st_size <= maximumBytes else {
            throw QRImagingError(.tooLarge, "\(path) has \(info.st_size) bytes, more than the \(maximumBytes) allowed")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                if n == 0 { break }
                throw QRImagingError(.io, "cannot read \(path): \(errnoText())")
            }
            done += n
        }
        return Array(bytes.prefix(done))
    }

    /// Writes a file atomically: the bytes go to a temporary file beside `path`, which is synced and then moved into
    /// place, so a reader never sees half a file.
    ///
    /// - Parameters:
    ///   - bytes: the file's content.
    ///   - path: where to put it.
    ///   - overwrite: replace an existing file; without it an existing file is left alone and the call fails.
    /// - Throws: ``QRImagingError/Code/fileExists`` when `path` exists and `overwrite` is false;
    ///   ``QRImagingError/Code/io`` when the file cannot be written.
    public static func write(
        _ bytes: some Collection<UInt8>, to path: String, overwrite: Bool = false
    ) throws(QRImagingError) {
        if !overwrite && access(path, F_OK) == 0 {
            throw QRImagingError(.fileExists, "\(path) exists; pass --force to overwrite it")
        }
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw QRImagingError(.io, "cannot create \(temporary): \(errnoText())") }
        var failure: QRImagingError?
        let content = Array(bytes)
        var done = 0
        while done < content.count {
            let n = content.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                failure = QRImagingError(.io, "cannot write \(temporary): \(errnoText())")
                break
            }
            done += n
        }
        if failure == nil && fsync(fd) != 0 {
            failure = QRImagingError(.io, "cannot sync \(temporary): \(errnoText())")
        }
        if close(fd) != 0 && failure == nil {
            failure = QRImagingError(.io, "cannot close \(temporary): \(errnoText())")
        }
        defer { unlink(temporary) }
        if let failure { throw failure }
        if overwrite {
            guard rename(temporary, path) == 0 else {
                throw QRImagingError(.io, "cannot rename to \(path): \(errnoText())")
            }
        } else {
            // link() fails if `path` appeared meanwhile: no window in which another file is clobbered.
            guard link(temporary, path) == 0 else {
                if errno == EEXIST { throw QRImagingError(.fileExists, "\(path) exists; pass --force to overwrite it") }
                throw QRImagingError(.io, "cannot create \(path): \(errnoText())")
            }
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
