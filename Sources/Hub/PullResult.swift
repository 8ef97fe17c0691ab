import Foundation
import ModelStore

/// The outcome of a pull: the commit the revision resolved to, its snapshot folder, and each file.
public struct PullResult: Sendable {
    public var model: HubModelName
    public var commit: String
    /// `…/models--ORG--NAME/snapshots/COMMIT`.
    public var snapshot: URL
    public var files: [PulledFile]
    /// True when offline mode answered from the cache without asking the Hub (`files` is then empty).
    public var fromCacheOnly: Bool
}

/// One file of a pull.
public struct PulledFile: Sendable, Equatable {
    public var path: String
    public var etag: String
    public var size: Int64
    /// False when the blob was in the cache already.
    public var downloaded: Bool
}
