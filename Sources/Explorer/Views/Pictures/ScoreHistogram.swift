/// A pane's scores counted in equal-width bins between the lowest and the highest, with the bin
/// of one value (the selected passage's) picked out.
struct ScoreHistogram: Equatable {
    /// Passages per bin, lowest scores first.
    let counts: [Int]
    let lowest: Double
    let highest: Double
    /// The bin of the marked value, if one was given and is finite.
    let marked: Int?

    /// - Parameters:
    ///   - values: the scores; values that are not finite are left out.
    ///   - bins: at most this many bins (at least one).
    ///   - marked: the value whose bin is picked out.
    init(_ values: [Double], bins: Int, marked: Double?) {
        let finite = values.filter(\.isFinite)
        let count = max(1, bins)
        let low = finite.min() ?? 0, high = finite.max() ?? 0
        var counts = Array(repeating: 0, count: count)
        for value in finite { counts[Self.bin(of: value, lowest: low, highest: high, bins: count)] += 1 }
        self.counts = counts
        lowest = low
        highest = high
        self.marked = marked.flatMap { $0.isFinite ? Self.bin(of: $0, lowest: low, highest: high, bins: count) : nil }
    }

    /// The number of bins that reads well for `count` scores in `columns` columns: about twice the
    /// square root of the count, between 4 and 24, never more than the columns.
    static func binCount(scores count: Int, columns: Int) -> Int {
        var root = 0
        while root * root < count { root += 1 }
        return max(1, min(columns, min(24, max(4, 2 * root))))
    }

    /// Which of `bins` equal bins from `lowest` to `highest` holds `value`; all in the middle bin when every score is equal.
    private static func bin(of value: Double, lowest: Double, highest: Double, bins: Int) -> Int {
        let range = highest - lowest
        guard range > 0, range.isFinite else { return bins / 2 }
        let position = Int(((value - lowest) / range * Double(bins)).rounded(.down))
        return min(bins - 1, max(0, position))
    }

    /// Eighths of `rows` rows a bar of `count` reaches, the tallest bin filling them; at least one for a bin that is not empty.
    func level(of count: Int, rows: Int) -> Int {
        guard let tallest = counts.max(), tallest > 0, count > 0 else { return 0 }
        return max(1, Int((Double(count) / Double(tallest) * Double(rows * 8)).rounded()))
    }
}
