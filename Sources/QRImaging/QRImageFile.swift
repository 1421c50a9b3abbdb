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
    )
        throws(QRImagingError)
    {
        if !overwrite && access(path, F_OK) == 0 {
            throw QRImagingError(.fileExists, "\(path) exists; pass --force to overwrite it")
        }
        let temporary = "\(path)\(temporaryMarker)\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
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

    /// What ``write(_:to:overwrite:)`` puts between the path and the writer's process ID and a random number to
    /// name its temporary file: `stickers/18223-0042.png.tmp-4242-1234567`.
    static let temporaryMarker = ".tmp-"

    /// Removes the temporary files that ``write(_:to:overwrite:)`` left in `directory` when its process was
    /// killed before it could finish (a power cut halfway through a batch, say).
    ///
    /// Only files named `NAME.tmp-PID-N` for a `NAME` in `names` are candidates, and only those whose process `PID`
    /// no longer runs are removed: another process's write in progress is left alone.
    ///
    /// - Parameters:
    ///   - directory: The folder the files were written to.
    ///   - names: The file names (without folder) that were being written, `18223-0042.png`.
    /// - Returns: The paths removed.
    /// - Throws: ``QRImagingError/Code/io`` when the folder cannot be listed or a stray file cannot be removed.
    public static func removeStrayTemporaries(
        in directory: String, for names: Set<String>
    ) throws(QRImagingError)
        -> [String]
    {
        guard let stream = opendir(directory) else {
            if errno == ENOENT { return [] }
            throw QRImagingError(.io, "cannot list \(directory): \(errnoText())")
        }
        var stray: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let marker = name.ranges(of: temporaryMarker).last else { continue }
            let suffix = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
            guard names.contains(String(name[..<marker.lowerBound])), suffix.count == 2,
                let pid = pid_t(suffix[0]), pid > 0, UInt32(suffix[1]) != nil
            else { continue }
            // kill(pid, 0) probes without signalling: ESRCH means no such process, so nobody will finish the file.
            if kill(pid, 0) == -1 && errno == ESRCH { stray.append(directory + "/" + name) }
        }
        closedir(stream)
        for path in stray where unlink(path) != 0 && errno != ENOENT {
            throw QRImagingError(.io, "cannot remove \(path): \(errnoText())")
        }
        return stray
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
