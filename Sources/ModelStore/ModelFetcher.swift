import Foundation

/// Brings a model repository from the Hugging Face Hub into the local cache. The locator calls it for an
/// `ORG/NAME[@REVISION]` that is not on disk; the `Hub` module implements it, so the store itself never talks HTTP.
public protocol ModelFetcher: Sendable {
    /// Downloads what a model needs into the Hugging Face cache at `cache` (the layout of `HuggingFaceCache`) and
    /// returns the snapshot folder, `models--ORG--NAME/snapshots/COMMIT`.
    func fetch(_ model: HubModelName, into cache: URL) async throws -> URL
}
