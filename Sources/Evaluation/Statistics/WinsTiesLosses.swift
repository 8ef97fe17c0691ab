/// How many queries a system does better, equally well or worse on than a baseline.
public struct WinsTiesLosses: Sendable, Hashable, Codable {
    /// Values closer than this count as a tie (they can differ only by rounding).
    public static let tolerance = 1e-9

    public var wins: Int
    public var ties: Int
    public var losses: Int

    public init(wins: Int, ties: Int, losses: Int) {
        self.wins = wins
        self.ties = ties
        self.losses = losses
    }

    /// Counts over the pairs of `baseline` and `treatment` (extra values of the longer list are ignored).
    public init(baseline: [Double], treatment: [Double]) {
        var counts = WinsTiesLosses(wins: 0, ties: 0, losses: 0)
        for (base, value) in zip(baseline, treatment) {
            if abs(value - base) <= Self.tolerance {
                counts.ties += 1
            } else if value > base {
                counts.wins += 1
            } else {
                counts.losses += 1
            }
        }
        self = counts
    }
}
