import Foundation
import Synchronization

/// A one-line progress bar on standard error: redrawn in place on a terminal, every tenth otherwise. Counts pairs
/// (scoring), another unit, or bytes (downloads, with the transfer rate and the time left).
final class ProgressBar: Sendable {
    private let label: String
    /// What `update(_:of:)` counts.
    private let unit: String
    /// True when standard error is a terminal, so the bar can be redrawn in place.
    let interactive = isatty(STDERR_FILENO) != 0
    private let start = Date()
    private let lastShown = Mutex<(fraction: Double, time: Date)>((-1, .distantPast))

    /// `unit` names what `update(_:of:)` counts.
    init(label: String, unit: String = "pairs") {
        self.label = label
        self.unit = unit
    }

    func update(_ completed: Int, of total: Int) {
        let fraction = total > 0 ? Double(completed) / Double(total) : 1
        show(fraction, final: completed == total) { elapsed in
            "\(completed)/\(total) \(unit) \(String(format: "%.1f", elapsed)) s"
        }
    }

    /// Bytes done of `total`; the rate and the time left are measured on `received`, the bytes that came over the
    /// network (cached files count as done but not as transferred). `note` follows (the current file).
    func update(bytes completed: Int64, of total: Int64, received: Int64, note: String = "") {
        let fraction = total > 0 ? min(1, Double(completed) / Double(total)) : 1
        show(fraction, final: completed >= total) { elapsed in
            let rate = elapsed > 0 ? Double(received) / elapsed : 0
            var text = "\(Self.bytes(completed))/\(Self.bytes(total))"
            if rate > 0 {
                text += " \(Self.bytes(Int64(rate)))/s"
                if completed < total { text += " \(Self.duration(Double(total - completed) / rate)) left" }
            }
            return note.isEmpty ? text : text + " " + note
        }
    }

    /// Ends the in-place line so later output starts on a fresh one.
    func finish() {
        if interactive { StandardStreams.write(Data("\n".utf8), to: .standardError) }
    }

    private func show(_ fraction: Double, final: Bool, detail: (TimeInterval) -> String) {
        let now = Date()
        let due = lastShown.withLock { last -> Bool in
            let step = interactive ? now.timeIntervalSince(last.time) >= 0.1 : fraction - last.fraction >= 0.1
            guard step || (final && last.fraction < 1) else { return false }
            last = (fraction, now)
            return true
        }
        guard due else { return }
        let width = 30
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = "\(label) \(bar) \(detail(now.timeIntervalSince(start)))"
        StandardStreams.write(Data((interactive ? "\r\u{1B}[K" + line : line + "\n").utf8), to: .standardError)
    }

    /// `532 B`, `14.2 kB`, `1.3 MB`, `1.1 GB` (powers of 1000, as the Hub shows sizes).
    static func bytes(_ count: Int64) -> String {
        let value = Double(count)
        switch value {
        case ..<1_000: return "\(count) B"
        case ..<1_000_000: return String(format: "%.1f kB", value / 1_000)
        case ..<1_000_000_000: return String(format: "%.1f MB", value / 1_000_000)
        default: return String(format: "%.2f GB", value / 1_000_000_000)
        }
    }

    /// `42 s`, `3 min 5 s`, `1 h 2 min`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
