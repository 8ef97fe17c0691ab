import Explorer
import Inference
import ModelStore

/// The scorers the explorer offers, from the listing `rerank models` prints.
enum ExplorerModels {
    /// Every model that opens, for the model picker (the explorer adds BM25).
    static func choices(_ listing: [ModelListingEntry]) -> [ModelChoice] {
        listing.compactMap { entry in
            guard case .success(let folder) = entry.result else { return nil }
            let config = folder.config
            let summary = ([folder.note].compactMap { $0 } + [folder.architecture, "\(config.numHiddenLayers) layers",
                           "max \(folder.maxLength) tokens", Models.size(folder.sizeOnDisk)]).joined(separator: ", ")
            return ModelChoice(name: entry.name, kind: scorerKind(folder.kind), summary: summary)
        }
    }

    /// The panes opened when no `--model` is given: the best cross-encoder (an MS MARCO one first, a
    /// published one before the locally trained ones, which go best first, then more layers), the best
    /// bi-encoder (more layers first), and BM25 — as many as exist.
    static func defaultScorers(_ listing: [ModelListingEntry]) -> [String] {
        let folders = listing.compactMap { entry -> (name: String, folder: ModelFolder)? in
            guard case .success(let folder) = entry.result else { return nil }
            return (entry.name, folder)
        }
        func best(_ kind: ModelKind, preferring preferred: (String) -> Bool) -> String? {
            func key(_ model: (name: String, folder: ModelFolder)) -> (Int, Int, Int) {
                let localRank = ModelNotes.locallyTrainedRank(forFolderNamed: model.folder.url.lastPathComponent) ?? -1
                return (preferred(model.name) ? 0 : 1, localRank, -model.folder.config.numHiddenLayers)
            }
            return folders.filter { $0.folder.kind == kind }.min { a, b in
                key(a) != key(b) ? key(a) < key(b) : a.name < b.name
            }?.name
        }
        let crossEncoder = best(.crossEncoder) { $0.lowercased().contains("ms-marco") }
        let biEncoder = best(.biEncoder) { _ in false }
        return [crossEncoder, biEncoder, Scorers.bm25Name].compactMap { $0 }
    }

    private static func scorerKind(_ kind: ModelKind) -> ScorerKind {
        switch kind {
        case .crossEncoder: return .crossEncoder
        case .biEncoder: return .biEncoder
        }
    }
}
