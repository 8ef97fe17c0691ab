import Inference

/// The windows of a passage read in windows, as JSON output shows them.
enum WindowJSON {
    /// `windows` (each window's Unicode-scalar `start` and `end` in the passage, so Python's
    /// `passage[start:end]` is its text, its `tokens` and `score`) and `best_window` (the position in
    /// `windows` of the window that gave the passage's score); nothing when not read in windows.
    static func fields(of score: PairScore) -> [String: Any] {
        guard let best = score.bestWindow else { return [:] }
        let windows: [[String: Any]] = score.windows.map { window in
            var object: [String: Any] = ["start": window.window.span.lowerBound, "end": window.window.span.upperBound,
                                         "tokens": window.window.tokens.count, "score": JSONLines.number(Float(window.score))]
            object["probability"] = window.probability
            return object
        }
        return ["windows": windows, "best_window": best]
    }

}
