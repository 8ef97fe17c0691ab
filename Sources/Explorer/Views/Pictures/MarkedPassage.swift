import Inference

/// A passage's text styled for reading: query terms marked, the window that won highlighted, and
/// after the point where the model stopped reading a ✂ with the unread rest dimmed.
enum MarkedPassage {
    /// Where a pane's model read a passage, from its score.
    struct Reading: Equatable {
        /// Unicode-scalar offset where the model stopped reading; `nil` when it read everything.
        var keptEnd: Int?
        /// Unicode-scalar span of the window that gave the score; `nil` unless read in windows.
        var window: Range<Int>?

        init(keptEnd: Int?, window: Range<Int>?) {
            self.keptEnd = keptEnd
            self.window = window
        }

        init(_ score: PairScore?) {
            if let truncation = score?.truncation, truncation.passageTokensCut > 0 { keptEnd = truncation.passageKeptEnd }
            if let score, let best = score.bestWindow, score.windows.count > 1, score.windows.indices.contains(best) {
                window = score.windows[best].window.span
            }
        }

        /// The first offset worth seeing: the start of the window that won, else the cut.
        var focus: Int? { window?.lowerBound ?? keptEnd }
    }

    /// The style of text inside the window that won: the selection's colours, so it stands out in every theme.
    static let windowStyle = CellStyle(.selectionText, on: .selection)

    /// The characters of `text` from Unicode-scalar offset `start` on (from the next word's start, at
    /// most `limit` of them), styled; a passage starting later than its first character begins with
    /// `…`. `complete` is false when characters after the last one returned were left out.
    static func styled(_ text: String, terms: QueryTerms, reading: Reading, from start: Int = 0,
                       limit: Int = .max) -> (text: StyledText, complete: Bool) {
        var scalarOffset = 0
        var characters: [Character] = []
        var firstOffset = 0
        var complete = true
        // Starting inside the text, the rest of a word cut by `start` is left out (up to a word's length).
        var skipping = start > 0 ? 24 : 0
        for character in text {
            if scalarOffset >= start, skipping > 0 {
                skipping = character.isWhitespace ? 0 : skipping - 1
            } else if scalarOffset >= start {
                if characters.count >= limit {
                    complete = false
                    break
                }
                if characters.isEmpty { firstOffset = scalarOffset }
                characters.append(character)
            }
            scalarOffset += character.unicodeScalars.count
        }
        let marks = terms.matches(in: characters)
        let cutStyle = CellStyle(.cutText, on: .background, .dim)
        var result = firstOffset > 0 ? StyledText("…", CellStyle(.dim)) : StyledText()
        result.characters.reserveCapacity(characters.count + 2)
        scalarOffset = firstOffset
        var cut = false
        for (character, marked) in zip(characters, marks) {
            if !cut, let keptEnd = reading.keptEnd, scalarOffset >= keptEnd {
                cut = true
                result.append("✂", CellStyle(.truncation, on: .background, .bold))
            }
            let base = reading.window?.contains(scalarOffset) == true ? windowStyle : CellStyle()
            let style = cut ? cutStyle : (marked ? base.with(.match, .bold) : base)
            result.characters.append(StyledCharacter(character: character, style: style))
            scalarOffset += character.unicodeScalars.count
        }
        return (result, complete)
    }
}
