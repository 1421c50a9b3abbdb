/// An error reading or writing a file: what went wrong, and the path it went wrong at.
///
/// The same shape as the other modules' errors: a stable camelCase ``code``, a position (here the ``path``) and a
/// ``message`` for people, which names the path. Errors compare by code and path, never by message. A message says
/// what happened to the file, never what to type: a program that calls this module gives its own advice.
public struct FileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable code of the error.
    public let code: Code
    /// The file or folder the operation failed on, as the caller named it.
    public let path: String
    /// A message a person can act on, naming ``path``.
    public let message: String
    /// The system's error number (`errno`) of the system call that failed: `ENOENT` for a missing file, `EEXIST`
    /// for a name taken when the file was to be put there. `nil` for a rule of this module, such as
    /// ``Code/tooLarge``, or a file found to exist before anything was written.
    public let systemError: Int32?

    /// A stable error code. Its ``rawValue`` never changes between releases.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The file or folder does not exist.
        public static let notFound = Code(rawValue: "notFound")
        /// The system refused access: permissions, or a read-only file system.
        public static let permissionDenied = Code(rawValue: "permissionDenied")
        /// The path names a folder, a device or a pipe where a regular file is needed.
        public static let notAFile = Code(rawValue: "notAFile")
        /// The path, or a folder on the way to it, is a file where a folder is needed.
        public static let notADirectory = Code(rawValue: "notADirectory")
        /// The file is larger than the caller allows; nothing of it was read.
        public static let tooLarge = Code(rawValue: "tooLarge")
        /// The file exists and the overwrite policy is ``OverwritePolicy/never``; it was left as it was.
        public static let fileExists = Code(rawValue: "fileExists")
        /// Any other failure to read, write, sync, rename or list.
        public static let io = Code(rawValue: "io")
    }

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - path: The file or folder it went wrong at.
    ///   - message: A sentence a person can act on, naming the path.
    ///   - systemError: The system's error number, when a system call failed.
    public init(code: Code, path: String, message: String, systemError: Int32? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.systemError = systemError
    }

    public var description: String { "\(code): \(message)" }

    public static func == (lhs: FileError, rhs: FileError) -> Bool {
        lhs.code == rhs.code && lhs.path == rhs.path
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(path)
    }
}
