import FileIO
import Foundation
import Testing

/// A fresh folder under /tmp for one test.
func temporaryFolder(_ name: String = #function) throws -> String {
    let folder = "/tmp/fileio-\(name.prefix { $0.isLetter })-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

/// The names in `folder` that are temporary files of a write.
func temporaries(in folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
}

/// The error `body` throws, or `nil`.
func fileError(_ body: () throws(FileError) -> Void) -> FileError? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}

@Suite struct FilesTests {
    @Test(arguments: [0, 1, 4095, 4096, 70_000])
    func writtenBytesReadBack(_ count: Int) throws {
        let folder = try temporaryFolder()
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Files.write(bytes, to: folder + "/file.bin")
        #expect(try Files.read(folder + "/file.bin") == bytes)
        #expect(try temporaries(in: folder).isEmpty)
    }

    @Test func neverOverwritesUnlessAsked() throws {
        let folder = try temporaryFolder()
        let path = folder + "/code.png"
        try Files.write(Array("first".utf8), to: path)
        let refused = fileError { () throws(FileError) in try Files.write(Array("second".utf8), to: path) }
        #expect(refused == FileError(code: .fileExists, path: path, message: ""))
        #expect(refused?.message.contains(path) == true)
        #expect(try Files.read(path) == Array("first".utf8))
        let explicit = fileError { () throws(FileError) in
            try Files.write(Array("second".utf8), to: path, overwrite: .never)
        }
        #expect(explicit?.code == .fileExists)
        try Files.write(Array("second".utf8), to: path, overwrite: .replace)
        #expect(try Files.read(path) == Array("second".utf8))
        #expect(try temporaries(in: folder).isEmpty)
    }

    /// A name that appears between the check and the link is not replaced: a dangling symbolic link is a name too,
    /// and writing through it would create its target.
    @Test func aDanglingLinkIsKept() throws {
        let folder = try temporaryFolder()
        let link = folder + "/link.svg"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder + "/nowhere.svg")
        #expect(Files.exists(link))
        let refused = fileError { () throws(FileError) in try Files.write(Array("x".utf8), to: link) }
        #expect(refused?.code == .fileExists)
        #expect(!FileManager.default.fileExists(atPath: folder + "/nowhere.svg"))
        #expect(!Files.exists(folder + "/nowhere.svg"))
    }

    /// The exact mode, under the usual umask 022 (which the test sets, and which takes nothing from either mode).
    @Test func accessSetsTheMode() throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        let folder = try temporaryFolder()
        try Files.write(Array("key".utf8), to: folder + "/key.pem", access: .ownerOnly)
        try Files.write(Array("list".utf8), to: folder + "/list.json", access: .shared)
        let mode = { (name: String) throws -> Int? in
            try FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.posixPermissions] as? Int
        }
        #expect(try mode("key.pem") == 0o600)
        #expect(try mode("list.json") == 0o644)
        // Replacing a file gives it the new mode, not the old file's.
        try Files.write(Array("key2".utf8), to: folder + "/list.json", overwrite: .replace, access: .ownerOnly)
        #expect(try mode("list.json") == 0o600)
    }

    /// Each failure has its code and the path, and its message names the path; a failed system call's error number
    /// is kept beside them, and a rule of this module has none.
    @Test func errorsNameTheirPath() throws {
        let folder = try temporaryFolder()
        try Files.write(Array(repeating: 7, count: 100), to: folder + "/hundred.bin")
        let cases: [(FileError.Code, String, Int32?, () throws(FileError) -> Void)] = [
            (
                .notFound, folder + "/missing.csv", ENOENT,
                { () throws(FileError) in _ = try Files.read(folder + "/missing.csv") }
            ),
            (.notAFile, folder, nil, { () throws(FileError) in _ = try Files.read(folder) }),
            (
                .tooLarge, folder + "/hundred.bin", nil,
                { () throws(FileError) in _ = try Files.read(folder + "/hundred.bin", maximumBytes: 99) }
            ),
            (
                .notFound, folder + "/no-folder/a.png", ENOENT,
                { () throws(FileError) in try Files.write([1], to: folder + "/no-folder/a.png") }
            ),
            (
                .notADirectory, folder + "/hundred.bin/a.png", ENOTDIR,
                { () throws(FileError) in _ = try Files.read(folder + "/hundred.bin/a.png") }
            ),
            (
                .notADirectory, folder + "/hundred.bin", EEXIST,
                { () throws(FileError) in try Files.createDirectory(folder + "/hundred.bin/sub") }
            ),
            (
                .fileExists, folder + "/hundred.bin", nil,
                { () throws(FileError) in try Files.write([1], to: folder + "/hundred.bin") }
            ),
        ]
        for (code, path, systemError, body) in cases {
            let error = try #require(fileError(body), "\(code)")
            #expect(error.code == code, "\(error)")
            #expect(error.path == path, "\(error)")
            #expect(error.systemError == systemError, "\(error)")
            #expect(error.message.contains(path), "\(error)")
        }
        #expect(try Files.read(folder + "/hundred.bin", maximumBytes: 100).count == 100)
        #expect(try temporaries(in: folder).isEmpty)
    }

    /// No message of the module tells the user what to type: the errors of every failing call, read as they are.
    @Test func noMessageNamesACommandLineFlag() throws {
        let folder = try temporaryFolder()
        try Files.write([1, 2, 3], to: folder + "/a.bin")
        let errors: [FileError?] = [
            fileError { () throws(FileError) in try Files.write([1], to: folder + "/a.bin") },
            fileError { () throws(FileError) in _ = try Files.read(folder + "/b.bin") },
            fileError { () throws(FileError) in _ = try Files.read(folder) },
            fileError { () throws(FileError) in _ = try Files.read(folder + "/a.bin", maximumBytes: 1) },
            fileError { () throws(FileError) in try Files.createDirectory(folder + "/a.bin") },
            fileError { () throws(FileError) in try Files.write([1], to: folder + "/x/y.bin") },
        ]
        #expect(errors.count == 6)
        for error in errors {
            let error = try #require(error)
            #expect(!error.message.contains("--"), "\(error)")
            #expect(!error.message.lowercased().contains("force"), "\(error)")
            #expect(!error.message.lowercased().contains("pass "), "\(error)")
            #expect(error.description == "\(error.code): \(error.message)")
        }
        #expect(Set(errors.compactMap { $0?.code }) == [.fileExists, .notFound, .notAFile, .tooLarge, .notADirectory])
    }

    @Test func errorCodesAreStable() {
        let codes: [FileError.Code] = [
            .notFound, .permissionDenied, .notAFile, .notADirectory, .tooLarge, .fileExists, .io,
        ]
        #expect(
            codes.map(\.rawValue) == [
                "notFound", "permissionDenied", "notAFile", "notADirectory", "tooLarge", "fileExists", "io",
            ])
        // Errors compare by code and path, never by message.
        #expect(
            FileError(code: .io, path: "a", message: "one") == FileError(code: .io, path: "a", message: "two"))
        #expect(FileError(code: .io, path: "a", message: "") != FileError(code: .io, path: "b", message: ""))
        #expect(FileError(code: .io, path: "a", message: "") != FileError(code: .notFound, path: "a", message: ""))
    }

    @Test func createsFoldersOnTheWay() throws {
        let folder = try temporaryFolder()
        let deep = folder + "/a/b/c"
        try Files.createDirectory(deep)
        try Files.createDirectory(deep)  // already there: fine
        try Files.createDirectory(deep + "/")
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: deep, isDirectory: &isFolder) && isFolder.boolValue)
        try Files.write([1], to: deep + "/file")
        #expect(try Files.read(deep + "/file") == [1])
    }
}
