import Inference

/// Scores already computed, per (scorer name, precision, max length, reading mode, query, passage text).
///
/// Grouped by (scorer, precision, max length, reading mode, query) so a pane looks its passages up in one
/// dictionary; the least recently used groups are dropped beyond `capacity` to bound memory in long sessions.
struct ScoreCache {
    struct Key: Hashable {
        var scorer: String
        /// The same model in int8 scores differently from fp32: each precision has its own scores.
        var precision: Precision
        var maxLength: Int?
        var mode: ReadingMode
        var query: String
    }

    private var groups: [Key: [String: PairScore]] = [:]
    /// Group keys, least recently used first.
    private var recency: [Key] = []
    private let capacity: Int

    init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
    }

    /// The cached scores of a group, keyed by passage text; marks the group as recently used.
    mutating func scores(for key: Key) -> [String: PairScore] {
        guard let group = groups[key] else { return [:] }
        touch(key)
        return group
    }

    mutating func store(_ scores: [(text: String, score: PairScore)], for key: Key) {
        guard !scores.isEmpty else { return }
        groups[key, default: [:]].reserveCapacity(scores.count)
        for (text, score) in scores { groups[key, default: [:]][text] = score }
        touch(key)
        while recency.count > capacity {
            groups[recency.removeFirst()] = nil
        }
    }

    private mutating func touch(_ key: Key) {
        if let position = recency.firstIndex(of: key) { recency.remove(at: position) }
        recency.append(key)
    }
}
