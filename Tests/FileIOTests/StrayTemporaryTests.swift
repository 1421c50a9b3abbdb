import FileIO
import Foundation
import Testing

@Suite struct StrayTemporaryTests {
    /// The process ID of a process that has ended.
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func removesOnlyAKilledWritersOwnFiles() throws {
        let folder = try temporaryFolder()
        let dead = try Self.deadProcessID()
        let stray = "18223-0001.png.tmp-\(dead)-12345"
        let live = "18223-0002.png.tmp-\(getpid())-1"
        let foreign = "notes.txt.tmp-\(dead)-1"
        let malformed = "18223-0001.png.tmp-\(dead)"
        for name in [stray, live, foreign, malformed, "18223-0001.png"] {
            try Files.write([0], to: folder + "/" + name)
        }
        let removed = try Files.removeStrayTemporaries(
            in: folder, for: ["18223-0001.png", "18223-0002.png"])
        #expect(removed == [folder + "/" + stray])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                == ["18223-0001.png", live, foreign, malformed].sorted())
    }

    @Test func aMissingFolderHoldsNothing() throws {
        #expect(
            try Files.removeStrayTemporaries(in: "/tmp/fileio-missing-\(UInt64.random(in: 0...UInt64.max))", for: ["a"])
                == [])
        let folder = try temporaryFolder()
        try Files.write([0], to: folder + "/file")
        let error = try #require(
            {
                do throws(FileError) {
                    _ = try Files.removeStrayTemporaries(in: folder + "/file", for: ["a"])
                    return nil
                } catch {
                    return error
                }
            }() as FileError?)
        #expect(error.code == .notADirectory)
        #expect(error.path == folder + "/file")
    }
}
