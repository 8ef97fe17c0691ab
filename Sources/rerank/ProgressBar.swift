import Foundation
import Synchronization

/// A one-line progress bar on standard error: redrawn in place on a terminal, every tenth otherwise.
final class ProgressBar: Sendable {
    private let label: String
    private let unit: String
    private let interactive = isatty(STDERR_FILENO) != 0
    private let start = Date()
    private let lastShown = Mutex<(fraction: Double, time: Date)>((-1, .distantPast))

    /// `unit` names what `update` counts.
    init(label: String, unit: String = "pairs") {
        self.label = label
        self.unit = unit
    }

    func update(_ completed: Int, of total: Int) {
        let fraction = total > 0 ? Double(completed) / Double(total) : 1
        let now = Date()
        let due = lastShown.withLock { last -> Bool in
            let step = interactive ? now.timeIntervalSince(last.time) >= 0.1 : fraction - last.fraction >= 0.1
            guard step || (completed == total && last.fraction < 1) else { return false }
            last = (fraction, now)
            return true
        }
        guard due else { return }
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let seconds = String(format: "%.1f", now.timeIntervalSince(start))
        let line = "\(label) \(bar) \(completed)/\(total) \(unit) \(seconds) s"
        FileHandle.standardError.write(Data((interactive ? "\r\u{1B}[K" + line : line + "\n").utf8))
    }

    /// Ends the in-place line so later output starts on a fresh one.
    func finish() {
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
