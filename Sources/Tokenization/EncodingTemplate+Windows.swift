extension EncodingTemplate {
    /// The passage in overlapping windows of at most `length` tokens, `stride` apart (see
    /// `WindowPlanner`), each laid out with the whole query as `encodePair` lays out a pair.
    ///
    /// A window holds fewer than `length` tokens when the whole query and `length` passage tokens
    /// would not fit `maxLength` together: it gets the room the query leaves. Only a query that leaves
    /// no room is cut, by `longest_first` against one window, as in a plain pair. Either way no
    /// window's passage tokens are cut. A passage that fits one window beside the query is one
    /// window encoded exactly as `encodePair` encodes it; an empty passage is one empty window with
    /// the query alone.
    func encodePairWindows(query: String, passage: String, maxLength: Int, length: Int, stride: Int,
                           tokenize: (String) -> TokenizedText) -> WindowedEncoding<EncodedPair> {
        let queryTokens = tokenize(query).tokens
        guard !passage.isEmpty else {
            return WindowedEncoding(windows: [PassageWindow(tokens: 0..<0, span: 0..<0)],
                                    encodings: [encodePair(query: queryTokens, passage: nil, maxLength: maxLength)],
                                    passageTokens: 0, passageScalars: 0)
        }
        let text = tokenize(passage)
        let budget = maxLength - pairSpecialCount
        let room = budget - queryTokens.count
        let fitted = room >= 1
            ? min(length, room)
            : LongestFirstTruncation.keptLengths(first: queryTokens.count, second: min(max(1, length), text.tokens.count), budget: budget).second
        return windows(of: text, passage: passage, length: fitted, stride: stride) { tokens in
            encodePair(query: queryTokens, passage: (tokens, text.scalarCount), maxLength: maxLength)
        }
    }

    /// The text in overlapping windows of at most `length` tokens, `stride` apart, each laid out
    /// alone with the single-text special tokens and never cut (a window holds at most what
    /// `maxLength` leaves beside them). A text that fits one window encodes exactly as `encode`.
    func encodeWindows(_ text: TokenizedText, passage: String, maxLength: Int, length: Int,
                       stride: Int) -> WindowedEncoding<EncodedText> {
        let budget = maxLength - singleSpecialCount
        return windows(of: text, passage: passage, length: budget >= 0 ? min(length, budget) : length, stride: stride) { tokens in
            encode((tokens, text.scalarCount), maxLength: maxLength)
        }
    }

    /// Plans the windows over `text`'s tokens and encodes each with `encodeWindow`.
    private func windows<Encoding: TruncatedEncoding>(of text: TokenizedText, passage: String, length: Int, stride: Int,
                                   encodeWindow: ([Token]) -> Encoding) -> WindowedEncoding<Encoding> {
        let ranges = WindowPlanner.ranges(tokens: text.tokens, scalars: Array(passage.unicodeScalars),
                                          length: length, stride: stride)
        return WindowedEncoding(windows: ranges.map { PassageWindow(tokens: $0, span: WindowPlanner.span(of: $0, in: text.tokens)) },
                                encodings: ranges.map { encodeWindow(Array(text.tokens[$0])) },
                                passageTokens: text.tokens.count, passageScalars: text.scalarCount)
    }
}
