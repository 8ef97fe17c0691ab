/// How two rankings of the same passages agree.
public enum RankComparison {
    /// Kendall's τ-b of paired values (ties in either list are accounted for); `nil` when fewer
    /// than two pairs or when either list is entirely tied.
    public static func kendallTauB(_ x: [Double], _ y: [Double]) -> Double? {
        let count = min(x.count, y.count)
        guard count >= 2 else { return nil }
        var concordant = 0
        var discordant = 0
        var tiedX = 0
        var tiedY = 0
        for i in 0..<(count - 1) {
            let xi = x[i]
            let yi = y[i]
            for j in (i + 1)..<count {
                let dx = xi - x[j]
                let dy = yi - y[j]
                if dx == 0 && dy == 0 {
                    tiedX += 1
                    tiedY += 1
                } else if dx == 0 {
                    tiedX += 1
                } else if dy == 0 {
                    tiedY += 1
                } else if (dx > 0) == (dy > 0) {
                    concordant += 1
                } else {
                    discordant += 1
                }
            }
        }
        let pairs = count * (count - 1) / 2
        let denominator = (Double(pairs - tiedX) * Double(pairs - tiedY)).squareRoot()
        guard denominator > 0 else { return nil }
        return Double(concordant - discordant) / denominator
    }

    /// How many of the first `k` of `a` are also among the first `k` of `b`.
    public static func overlap<T: Hashable>(_ a: [T], _ b: [T], k: Int) -> Int {
        let top = Set(b.prefix(k))
        return a.prefix(k).reduce(0) { $0 + (top.contains($1) ? 1 : 0) }
    }
}
