import FileIO
import Foundation
import TestSupport
import Testing

/// A FAT file system, as on a USB stick, in an image mounted through FUSE (fusefat, which scripts/bootstrap.sh
/// installs with dosfstools): no kernel FAT driver, no loop device. A machine that cannot mount it fails the test.
final class FATMount {
    /// Where the file system is mounted.
    let folder: String

    init() throws {
        let base = try temporaryFolder("fat")
        let image = base + "/stick.img"
        folder = base + "/mnt"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // fusefat leaves a daemon behind, which keeps every descriptor it is given open: one the test's process
        // runner waits on would never close. It gets /dev/null and a log file only.
        let script = """
            export PATH="$PATH:/usr/sbin:/sbin"
            truncate -s 8M "$1" && mkfs.vfat "$1" >/dev/null || exit 1
            for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null
            fusefat -o rw+ "$1" "$2" </dev/null >"$1.log" 2>&1 || { cat "$1.log"; exit 1; }
            """
        let made = try runProcess("/bin/bash", ["-c", script, "bash", image, folder])
        guard made.status == 0 else {
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [NSLocalizedDescriptionKey: "cannot mount a FAT image: \(made.stdoutText)\(made.stderrText)"])
        }
    }

    /// Whether the folder is a mount point of a FAT file system now.
    var isMounted: Bool {
        let mounts = (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? ""
        return mounts.split(separator: "\n").contains { $0.split(separator: " ").dropFirst().first == folder[...] }
    }

    deinit { _ = try? runProcess("fusermount", ["-u", folder]) }
}

/// On a file system without hard links a write that never overwrites still works, and still never overwrites.
@Suite struct NoHardLinkTests {
    @Test func neverOverwritingWritesOnFAT() throws {
        let fat = try FATMount()
        #expect(fat.isMounted)
        let path = fat.folder + "/18223-0042.png"
        try Files.write(Array("seed".utf8), to: fat.folder + "/seed", overwrite: .replace)
        // The file system refuses hard links, which a write under `.never` publishes its file with elsewhere.
        let linked = link(fat.folder + "/seed", fat.folder + "/second")
        let failure = errno
        #expect(linked == -1)
        #expect([EPERM, ENOTSUP, EOPNOTSUPP, ENOSYS].contains(failure), "\(failure)")

        let bytes = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Files.write(bytes, to: path, overwrite: .never)
        #expect(try Files.read(path) == bytes)
        let refused = fileError { () throws(FileError) in try Files.write([1, 2, 3], to: path, overwrite: .never) }
        #expect(refused?.code == .fileExists)
        #expect(try Files.read(path) == bytes)
        // Neither a temporary file nor a reservation is left beside the files.
        #expect(try FileManager.default.contentsOfDirectory(atPath: fat.folder).sorted() == ["18223-0042.png", "seed"])

        try Files.write([4, 5, 6], to: path, overwrite: .replace)
        #expect(try Files.read(path) == [4, 5, 6])
        #expect(try temporaries(in: fat.folder).isEmpty)
    }
}
