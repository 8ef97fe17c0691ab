/// One window of a passage read in overlapping windows: which of the passage's tokens it holds and
/// the characters they cover.
public struct PassageWindow: Sendable, Hashable {
    /// Positions of the window's tokens among the passage's tokens (`tokenize(passage)`).
    public var tokens: Range<Int>
    /// Unicode-scalar offsets in the passage, from the start of its first token to the end of its
    /// last (`0..<0` for a window without tokens: an empty or blank passage).
    public var span: Range<Int>

    public init(tokens: Range<Int>, span: Range<Int>) {
        self.tokens = tokens
        self.span = span
    }
}

/// Where the windows over a passage's tokens lie.
///
/// The first window starts at the first token and the last ends at the last token; each holds at
/// most `length` tokens, starts at most `stride` tokens after the one before and no later than that
/// one ends, so together they cover every token. Windows start and end at white space wherever a
/// word boundary is in reach, so a window's text tokenizes on its own to exactly the window's
/// tokens; only a word longer than that is cut between two of its tokens.
enum WindowPlanner {
    /// Token ranges of the windows over `tokens` (with offsets into `scalars`); one empty window when
    /// there are no tokens. `length` and `stride` are taken as at least 1, `stride` as at most `length`.
    static func ranges(tokens: [Token], scalars: [Unicode.Scalar], length: Int, stride: Int) -> [Range<Int>] {
        let count = tokens.count
        let length = max(1, length)
        let stride = min(max(1, stride), length)
        // boundaryAtOrBefore[i]: the last token position ≤ i where a word starts (0 and `count` always do).
        var boundaryAtOrBefore = [Int](repeating: 0, count: count + 1)
        for position in Swift.stride(from: 1, through: count, by: 1) {
            let startsWord = position == count || isWordStart(position, tokens: tokens, scalars: scalars)
            boundaryAtOrBefore[position] = startsWord ? position : boundaryAtOrBefore[position - 1]
        }
        var windows: [Range<Int>] = []
        var start = 0
        while start + length < count {
            let snappedEnd = boundaryAtOrBefore[start + length]
            let end = snappedEnd > start ? snappedEnd : start + length
            windows.append(start..<end)
            let snappedNext = boundaryAtOrBefore[start + stride]
            start = snappedNext > start ? snappedNext : start + stride
        }
        windows.append(start..<count)
        return windows
    }

    /// The characters a window's tokens cover.
    static func span(of range: Range<Int>, in tokens: [Token]) -> Range<Int> {
        guard let first = tokens[range].first, let last = tokens[range].last else { return 0..<0 }
        return first.offsets.lowerBound..<max(first.offsets.lowerBound, last.offsets.upperBound)
    }

    /// True when white space separates token `position` from the one before it (between them, or
    /// as the token's first character, as SentencePiece's `▁` pieces cover the space before a word).
    private static func isWordStart(_ position: Int, tokens: [Token], scalars: [Unicode.Scalar]) -> Bool {
        let previousEnd = tokens[position - 1].offsets.upperBound
        let start = tokens[position].offsets.lowerBound
        let lower = min(previousEnd, scalars.count)
        let upper = max(lower, min(start + 1, scalars.count))
        return scalars[lower..<upper].contains { $0.properties.isWhitespace }
    }
}

/// A passage encoded window by window (MaxP reading): each window of its tokens laid out with the
/// whole query (pairs) or on its own (single texts, for bi-encoders).
public struct WindowedEncoding<Encoding: TruncatedEncoding>: Sendable, Hashable {
    /// The windows, in passage order; never empty.
    public var windows: [PassageWindow]
    /// The model input of each window, parallel to `windows`.
    public var encodings: [Encoding]
    /// Tokens of the whole passage.
    public var passageTokens: Int
    /// Unicode scalars of the whole passage.
    public var passageScalars: Int

    public init(windows: [PassageWindow], encodings: [Encoding], passageTokens: Int, passageScalars: Int) {
        self.windows = windows
        self.encodings = encodings
        self.passageTokens = passageTokens
        self.passageScalars = passageScalars
    }
}

extension WindowedEncoding {
    /// What the token limit cut when the model's answer is window `index`'s: nothing of the passage
    /// (every token is in some window), and the query as that window's pair cut it.
    public func truncation(readingWindow index: Int) -> TruncationReport {
        let window = encodings.indices.contains(index) ? encodings[index].truncation : nil
        return TruncationReport(queryTokens: window?.queryTokens ?? 0, passageTokens: passageTokens,
                                queryTokensCut: window?.queryTokensCut ?? 0, passageTokensCut: 0,
                                passageKeptEnd: passageScalars)
    }
}

/// An encoding that says what truncation did to it (`EncodedPair`, `EncodedText`).
public protocol TruncatedEncoding: Sendable, Hashable {
    var truncation: TruncationReport { get }
}

extension EncodedPair: TruncatedEncoding {}
extension EncodedText: TruncatedEncoding {}
