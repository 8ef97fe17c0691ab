import Foundation
import Hub
import Synchronization

/// Shows downloads from the Hub on standard error: a bar with bytes, rate and time left on a terminal (its line ended
/// once every byte is in); one line per file otherwise (logs, pipes, CI).
final class PullReporter: Sendable {
    private let state = Mutex<(bar: ProgressBar?, lineOpen: Bool)>((nil, false))

    /// The handler to give a `HubDownloader`.
    var handler: @Sendable (PullProgress) -> Void { { [self] in report($0) } }

    func report(_ progress: PullProgress) {
        if progress.event == .listing {
            state.withLock { $0 = (ProgressBar(label: progress.repository), false) }
            StandardError.print("\(progress.repository): fetching from the Hugging Face Hub")
            return
        }
        guard let bar = state.withLock({ $0.bar }) else { return }
        let finished: Bool? = if case .fileFinished(let downloaded) = progress.event { downloaded } else { nil }
        if bar.interactive {
            state.withLock { $0.lineOpen = true }
            bar.update(bytes: progress.completedBytes, of: progress.totalBytes, received: progress.downloadedBytes,
                       note: "\(progress.fileNumber)/\(progress.fileCount) \(progress.file)")
            if finished != nil, progress.completedBytes >= progress.totalBytes { finish() }
        } else if let downloaded = finished {
            StandardError.print("\(progress.repository) \(progress.fileNumber)/\(progress.fileCount) \(progress.file) "
                + "\(ProgressBar.bytes(progress.fileSize)) \(downloaded ? "downloaded" : "cached")")
        }
    }

    /// Ends the bar's line on a terminal, if one is open.
    func finish() {
        let open = state.withLock { state -> ProgressBar? in
            defer { state.lineOpen = false }
            return state.lineOpen ? state.bar : nil
        }
        open?.finish()
    }
}
