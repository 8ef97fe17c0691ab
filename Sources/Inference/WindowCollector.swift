import Tokenization

/// Gathers the results of every window of every passage, which batches finish in any order (they
/// are sorted by length), and says when a passage has all of its windows.
struct WindowCollector<Result> {
    /// For each window in the flat list of all passages' windows: its passage and its place there.
    let owners: [(passage: Int, window: Int)]
    private var results: [[Result?]]
    private var missing: [Int]

    init(windowCounts: [Int]) {
        var owners: [(passage: Int, window: Int)] = []
        owners.reserveCapacity(windowCounts.reduce(0, +))
        for (passage, count) in windowCounts.enumerated() {
            for window in 0..<count { owners.append((passage, window)) }
        }
        self.owners = owners
        results = windowCounts.map { [Result?](repeating: nil, count: $0) }
        missing = windowCounts
    }

    /// Records the results of the flat windows `indices`; returns the passages they completed, in order.
    mutating func add(_ indices: [Int], _ batch: [Result]) -> [Int] {
        var completed: [Int] = []
        for (index, result) in zip(indices, batch) where owners.indices.contains(index) {
            let owner = owners[index]
            guard results[owner.passage][owner.window] == nil else { continue }
            results[owner.passage][owner.window] = result
            missing[owner.passage] -= 1
            if missing[owner.passage] == 0 { completed.append(owner.passage) }
        }
        return completed.sorted()
    }

    /// The results of a passage's windows, in window order (those that have arrived).
    func results(of passage: Int) -> [Result] {
        results.indices.contains(passage) ? results[passage].compactMap { $0 } : []
    }
}

extension PairScore {
    /// MaxP over one passage's windows as its encoding laid them out.
    static func best<Encoding>(of windowScores: [PairScore], in encoding: WindowedEncoding<Encoding>) -> PairScore {
        best(of: windowScores, windows: encoding.windows, truncation: encoding.truncation(readingWindow:))
    }
}
