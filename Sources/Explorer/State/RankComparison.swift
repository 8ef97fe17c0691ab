/// How two rankings of the same passages agree.
public enum RankComparison {
    /// Kendall's τ-b of paired values (ties in either list are accounted for); `nil` when fewer
    /// than two pairs or when either list is entirely tied. A NaN counts as the lowest value.
    ///
    /// Knight's O(n log n) method: sort the pairs by x (then y), count the discordant pairs as the
    /// inversions a merge sort of the y values undoes, and the ties from runs of equal values; so
    /// two panes of a hundred thousand passages compare in a fraction of a second.
    public static func kendallTauB(_ x: [Double], _ y: [Double]) -> Double? {
        let count = min(x.count, y.count)
        guard count >= 2 else { return nil }
        func ordered(_ value: Double) -> Double { value.isNaN ? -.infinity : value }
        var pairs = (0..<count).map { (x: ordered(x[$0]), y: ordered(y[$0])) }
        pairs.sort { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
        let tiedX = tiedPairs(in: pairs.map(\.x))
        let tiedBoth = tiedPairs(in: pairs) { $0.x == $1.x && $0.y == $1.y }
        var ys = pairs.map(\.y)
        let discordant = sortCountingInversions(&ys)
        let tiedY = tiedPairs(in: ys)
        let total = count * (count - 1) / 2
        let denominator = (Double(total - tiedX) * Double(total - tiedY)).squareRoot()
        guard denominator > 0 else { return nil }
        // Pairs tied in neither list are concordant or discordant.
        let concordant = total - tiedX - tiedY + tiedBoth - discordant
        return Double(concordant - discordant) / denominator
    }

    /// How many of the first `k` of `a` are also among the first `k` of `b`.
    public static func overlap<T: Hashable>(_ a: [T], _ b: [T], k: Int) -> Int {
        let top = Set(b.prefix(k))
        return a.prefix(k).reduce(0) { $0 + (top.contains($1) ? 1 : 0) }
    }

    /// Pairs of positions holding equal values, in values where equal ones are next to each other.
    private static func tiedPairs<Value>(in values: [Value], equal: (Value, Value) -> Bool) -> Int {
        var pairs = 0
        var run = 1
        for index in values.indices.dropFirst() {
            if equal(values[index - 1], values[index]) {
                run += 1
            } else {
                pairs += run * (run - 1) / 2
                run = 1
            }
        }
        return pairs + run * (run - 1) / 2
    }

    private static func tiedPairs(in values: [Double]) -> Int {
        tiedPairs(in: values) { $0 == $1 }
    }

    /// Sorts `values` ascending (a bottom-up merge sort) and returns how many pairs were out of
    /// order: an earlier value strictly greater than a later one.
    private static func sortCountingInversions(_ values: inout [Double]) -> Int {
        var buffer = values
        var inversions = 0
        var width = 1
        while width < values.count {
            var start = 0
            while start < values.count {
                let middle = min(start + width, values.count)
                let end = min(start + 2 * width, values.count)
                var left = start, right = middle, out = start
                while left < middle && right < end {
                    if values[right] < values[left] {
                        // Every value left in the sorted left run is greater.
                        inversions += middle - left
                        buffer[out] = values[right]
                        right += 1
                    } else {
                        buffer[out] = values[left]
                        left += 1
                    }
                    out += 1
                }
                while left < middle {
                    buffer[out] = values[left]
                    left += 1
                    out += 1
                }
                while right < end {
                    buffer[out] = values[right]
                    right += 1
                    out += 1
                }
                start = end
            }
            swap(&values, &buffer)
            width *= 2
        }
        return inversions
    }
}
