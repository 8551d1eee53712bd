import CounselModel
import Foundation

/// A one-line progress display on stderr, shown only when stderr is a terminal (and not `--quiet`),
/// so scripts and logs never see it.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let started = Date()
    private let lock = NSLock()
    private var lastShown = Date.distantPast
    private var shown = false

    /// Shows progress if stderr is a terminal and `quiet` is false.
    init(quiet: Bool) {
        enabled = !quiet && isatty(STDERR_FILENO) != 0
    }

    /// Replaces the line with `phase — text (elapsed)`, at most five times a second.
    func update(_ phase: String, _ text: String, force: Bool = false) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard force || now.timeIntervalSince(lastShown) >= 0.2 else { return }
        lastShown = now
        shown = true
        let line = tr(
            "progress.line",
            ["phase": phase, "text": text, "seconds": String(format: "%.1f", now.timeIntervalSince(started))])
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    /// Clears the line.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
