/// How far a pull has come, handed to the downloader's progress handler as it goes.
public struct PullProgress: Sendable, Equatable {
    public enum Event: Sendable, Equatable {
        /// Asking the Hub which files the revision has.
        case listing
        /// A file's turn began; its size is known.
        case fileStarted
        /// More bytes of the current file arrived (at most ten updates a second).
        case bytes
        /// A file is in the cache and checked; `downloaded` is false when its blob was there already.
        case fileFinished(downloaded: Bool)
    }

    public var event: Event
    /// `ORG/NAME`.
    public var repository: String
    /// The current file's path in the repository (empty while listing).
    public var file = ""
    /// The current file's place, from 1, among `fileCount` (which grows when a sharded index names its shards).
    public var fileNumber = 0
    public var fileCount = 0
    /// Bytes of the current file in the cache so far, and its size.
    public var fileBytes: Int64 = 0
    public var fileSize: Int64 = 0
    /// Bytes of all files so far (a cached file counts whole), and the size of all files known so far.
    public var completedBytes: Int64 = 0
    public var totalBytes: Int64 = 0
    /// Bytes received over the network in this pull (what a transfer rate is measured on).
    public var downloadedBytes: Int64 = 0

    public init(event: Event, repository: String) {
        self.event = event
        self.repository = repository
    }
}
