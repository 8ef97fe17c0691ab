/// Builds the `PullProgress` values of one pull, in order, and hands them to the handler; byte updates are thinned to
/// ten a second. Used by one task at a time.
final class ProgressTracker {
    private let handler: @Sendable (PullProgress) -> Void
    private var progress: PullProgress
    private var sizes: [String: Int64] = [:]
    private var order: [String] = []
    private var finishedBytes: Int64 = 0
    private var fileUnderway = false
    private var lastBytesUpdate: ContinuousClock.Instant?
    static let bytesInterval: Duration = .milliseconds(100)

    init(repository: String, handler: @escaping @Sendable (PullProgress) -> Void) {
        self.handler = handler
        progress = PullProgress(event: .listing, repository: repository)
    }

    func listing() { emit(.listing) }

    /// Adds files to the plan, with their sizes where known.
    func plan(_ files: [(path: String, size: Int64?)]) {
        for (path, size) in files where sizes[path] == nil {
            order.append(path)
            sizes[path] = size ?? 0
        }
        progress.fileCount = order.count
        progress.totalBytes = sizes.values.reduce(0, +)
    }

    func started(_ path: String, size: Int64) {
        sizes[path] = size
        progress.totalBytes = sizes.values.reduce(0, +)
        progress.file = path
        progress.fileNumber = (order.firstIndex(of: path) ?? order.count) + 1
        progress.fileSize = size
        progress.fileBytes = 0
        fileUnderway = true
        emit(.fileStarted)
    }

    /// The current file holds `fileBytes`; `received` of them just arrived over the network.
    func advanced(to fileBytes: Int64, received: Int64) {
        progress.fileBytes = fileBytes
        progress.downloadedBytes += received
        let now = ContinuousClock.now
        if let last = lastBytesUpdate, now - last < Self.bytesInterval, fileBytes < progress.fileSize { return }
        lastBytesUpdate = now
        emit(.bytes)
    }

    func finished(downloaded: Bool) {
        progress.fileBytes = progress.fileSize
        finishedBytes += progress.fileSize
        fileUnderway = false
        emit(.fileFinished(downloaded: downloaded))
    }

    private func emit(_ event: PullProgress.Event) {
        progress.event = event
        progress.completedBytes = finishedBytes + (fileUnderway ? progress.fileBytes : 0)
        handler(progress)
    }
}
