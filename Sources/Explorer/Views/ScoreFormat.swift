import Foundation
import Inference

/// How scores and measures are written on screen and in exports.
enum ScoreFormat {
    /// A score as the pane's mode shows it: the probability when asked for and available, else the
    /// raw score with precision to match its size.
    static func score(_ score: PairScore, mode: ScoreMode) -> String {
        if mode == .probability, let probability = score.probability {
            return String(format: "%.3f", probability)
        }
        let value = score.score
        switch abs(value) {
        case ..<10: return String(format: "%.2f", value)
        case ..<100: return String(format: "%.1f", value)
        case ..<100_000: return String(format: "%.0f", value)
        default: return String(format: "%.1e", value)
        }
    }

    /// What the pane's numbers are: `logit`, `sigmoid`, `cosine`, `BM25`…
    static func label(for pane: Pane) -> String {
        guard let info = pane.info else { return pane.scoreMode == .probability ? "probability" : "score" }
        if pane.scoreMode == .probability {
            return info.probabilityName ?? "\(info.scoreName) (no probability)"
        }
        return info.scoreName
    }

    /// The size of a score change, without its sign: three decimals below 0.1, two below 10, else one.
    static func delta(_ value: Double) -> String {
        let size = abs(value)
        return String(format: size < 0.1 ? "%.3f" : size < 10 ? "%.2f" : "%.1f", size)
    }

    /// A measure between -1 and 1 with two decimals.
    static func measure(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
