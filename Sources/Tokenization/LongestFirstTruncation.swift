/// The `longest_first` rule of the reference (`truncate_encodings` with `LongestFirst`):
/// how many tokens of each sequence to keep so that together they fit a budget.
enum LongestFirstTruncation {
    /// Kept lengths for a pair. A sequence no longer than its fair share stays whole and the other
    /// gets the rest; when both are longer, the first gets ⌊budget/2⌋ unless it is the longer one,
    /// and the longer gets the remainder. A negative budget (max length below the special tokens)
    /// truncates nothing, as the reference does.
    static func keptLengths(first: Int, second: Int, budget: Int) -> (first: Int, second: Int) {
        guard budget >= 0, first + second > budget else { return (first, second) }
        var shorter = min(first, second)
        var longer = shorter > budget ? shorter : max(shorter, budget - shorter)
        if shorter + longer > budget {
            shorter = budget / 2
            longer = shorter + budget % 2
        }
        let (firstLimit, secondLimit) = first > second ? (longer, shorter) : (shorter, longer)
        return (min(first, firstLimit), min(second, secondLimit))
    }

    /// Kept length for a single sequence.
    static func keptLength(_ count: Int, budget: Int) -> Int {
        budget >= 0 ? min(count, budget) : count
    }
}
