import SystemPackage

extension Files {
    /// Removes the temporary files that ``write(_:to:overwrite:access:)`` left in `directory` when its process was
    /// killed before it could finish (a power cut halfway through a batch, say).
    ///
    /// Only files named `NAME.tmp-PID-N` for a `NAME` in `names` are candidates, and only those whose process `PID`
    /// no longer runs are removed: another process's write in progress is left alone.
    ///
    /// - Parameters:
    ///   - directory: The folder the files were written to.
    ///   - names: The file names (without folder) that were being written, `18223-0042.png`.
    /// - Returns: The paths removed.
    /// - Throws: ``FileError`` naming the folder when it cannot be listed (a missing folder holds nothing to remove),
    ///   or naming the stray file that cannot be removed.
    public static func removeStrayTemporaries(
        in directory: String, for names: Set<String>
    ) throws(FileError)
        -> [String]
    {
        let entries: [String]
        switch systemListDirectory(directory) {
        case .success(let list): entries = list
        case .failure(.noSuchFileOrDirectory): return []
        case .failure(let failure): throw FileError(failure, path: directory, doing: "list")
        }
        var stray: [String] = []
        for name in entries {
            guard let marker = name.ranges(of: temporaryMarker).last else { continue }
            let suffix = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
            guard names.contains(String(name[..<marker.lowerBound])), suffix.count == 2,
                let pid = Int32(suffix[0]), pid > 0, UInt32(suffix[1]) != nil
            else { continue }
            if systemProcessIsGone(pid) { stray.append(directory + "/" + name) }
        }
        for path in stray {
            if let failure = systemUnlink(path), failure != .noSuchFileOrDirectory {
                throw FileError(failure, path: path, doing: "remove")
            }
        }
        return stray
    }
}
