/// One line of styled pieces that must fit a width: when it is too wide, the least important pieces are
/// left out whole (never cut halfway), the rest keeping their order. Essential pieces always stay; if
/// they alone are too wide, drawing cuts the line's end with `…`.
struct FittedLine {
    /// How much a piece matters; the lowest go first, the rightmost first among equals.
    enum Importance: Int, Comparable {
        case lowest, low, middle, high, essential

        static func < (lhs: Importance, rhs: Importance) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private var pieces: [(text: StyledText, importance: Importance)] = []

    mutating func append(_ text: StyledText, _ importance: Importance = .essential) {
        pieces.append((text, importance))
    }

    /// Every piece, in order.
    var whole: StyledText {
        joined(pieces)
    }

    /// The pieces that fit in `width` columns.
    func fitted(to width: Int) -> StyledText {
        var kept = pieces
        while joined(kept).width > width,
              let lowest = kept.map(\.importance).filter({ $0 < .essential }).min(),
              let last = kept.lastIndex(where: { $0.importance == lowest }) {
            kept.remove(at: last)
        }
        return joined(kept)
    }

    private func joined(_ pieces: [(text: StyledText, importance: Importance)]) -> StyledText {
        var line = StyledText()
        for piece in pieces { line.characters += piece.text.characters }
        return line
    }
}
