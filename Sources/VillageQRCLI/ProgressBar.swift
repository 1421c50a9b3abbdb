import Glibc

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
struct ProgressBar {
    let total: Int
    let enabled: Bool
    private var lastDrawn = -1

    init(total: Int) {
        self.total = total
        self.enabled = isatty(STDERR_FILENO) == 1 && total > 0
    }

    mutating func update(_ done: Int) {
        guard enabled else { return }
        let width = 30
        let filled = done * width / total
        guard filled != lastDrawn || done == total else { return }
        lastDrawn = filled
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        Stderr.write("\r[\(bar)] \(done)/\(total)")
    }

    func finish() {
        if enabled { Stderr.line("") }
    }
}
