import Glibc

/// Creates a directory for a test; true on success.
func mkdirForTest(_ path: String) -> Bool { mkdir(path, 0o755) == 0 }
