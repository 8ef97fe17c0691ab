import Foundation
import PassageSources

/// Passage files as the commands open them: streamed by `PassageSources`, with a progress bar on
/// standard error while a large one is read.
enum PassageFiles {
    /// Files from this size up show the bar; smaller ones are read before it would be worth drawing.
    static let barThreshold = 32 << 20

    /// `PassageSources.load(contentsOf:name:progress:)` for the file at `path`; `name` defaults to the path as given.
    static func load(_ path: String, name: String? = nil) throws(PassageSourceError) -> PassageCollection {
        let bar = ProgressBar(label: "reading \(name ?? path)")
        var shown = false
        let collection = try PassageSources.load(contentsOf: URL(fileURLWithPath: path), name: name) { read, total in
            guard shown || total >= Self.barThreshold else { return }
            shown = true
            bar.update(bytes: Int64(read), of: Int64(total), received: Int64(read))
        }
        if shown { bar.finish() }
        return collection
    }
}
