/// How two rankings of the same passages agree.
public enum RankComparison {
    /// Kendall's τ-b of paired values (ties in either list are accounted for); `nil` when fewer
    /// than two pairs or when either list is entirely tied. O(n log n) (Knight's method: sort the
    /// pairs by x, then count the y inversions a merge sort undoes), so ten thousand passages cost
    /// milliseconds, not the seconds the all-pairs count took.
    public static func kendallTauB(_ x: [Double], _ y: [Double]) -> Double? {
        let count = min(x.count, y.count)
        guard count >= 2 else { return nil }
        let order = (0..<count).sorted { x[$0] != x[$1] ? x[$0] < x[$1] : y[$0] < y[$1] }
        var tiedX = 0, tiedBoth = 0
        var runStart = 0
        for index in 1...count where index == count || x[order[index]] != x[order[runStart]] {
            tiedX += pairs(index - runStart)
            var yRun = runStart
            for position in (runStart + 1)...index where position == index || y[order[position]] != y[order[yRun]] {
                tiedBoth += pairs(position - yRun)
                yRun = position
            }
            runStart = index
        }
        var ys = order.map { y[$0] }
        let discordant = sortCountingInversions(&ys)
        var tiedY = 0
        runStart = 0
        for index in 1...count where index == count || ys[index] != ys[runStart] {
            tiedY += pairs(index - runStart)
            runStart = index
        }
        let all = pairs(count)
        let denominator = (Double(all - tiedX) * Double(all - tiedY)).squareRoot()
        guard denominator > 0 else { return nil }
        return Double(all - tiedX - tiedY + tiedBoth - 2 * discordant) / denominator
    }

    private static func pairs(_ count: Int) -> Int { count * (count - 1) / 2 }

    /// Sorts `values` ascending (bottom-up merge sort) and returns how many pairs were strictly out of order.
    private static func sortCountingInversions(_ values: inout [Double]) -> Int {
        var inversions = 0
        var buffer = values
        var width = 1
        while width < values.count {
            for low in stride(from: 0, to: values.count, by: 2 * width) {
                let middle = min(low + width, values.count), high = min(low + 2 * width, values.count)
                var left = low, right = middle, out = low
                while left < middle, right < high {
                    if values[right] < values[left] {
                        inversions += middle - left
                        buffer[out] = values[right]
                        right += 1
                    } else {
                        buffer[out] = values[left]
                        left += 1
                    }
                    out += 1
                }
                while left < middle { buffer[out] = values[left]; left += 1; out += 1 }
                while right < high { buffer[out] = values[right]; right += 1; out += 1 }
            }
            swap(&values, &buffer)
            width *= 2
        }
        return inversions
    }

    /// How many of the first `k` of `a` are also among the first `k` of `b`.
    public static func overlap<T: Hashable>(_ a: [T], _ b: [T], k: Int) -> Int {
        let top = Set(b.prefix(k))
        return a.prefix(k).reduce(0) { $0 + (top.contains($1) ? 1 : 0) }
    }
}
