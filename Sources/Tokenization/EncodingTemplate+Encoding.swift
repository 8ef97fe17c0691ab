extension EncodingTemplate {
    /// A text's tokens and its length in Unicode scalars.
    typealias TokenizedText = (tokens: [Token], scalarCount: Int)

    /// The pair layout of two texts that `tokenize` splits, with `longest_first` truncation to `maxLength` tokens.
    ///
    /// An empty passage encodes the query alone with the single-text layout, as the reference does
    /// (`transformers` drops an empty `text_pair`); a passage of only white space gives an empty second text.
    /// A `maxLength` below the special tokens' count truncates nothing, as the reference does.
    func encodePair(query: String, passage: String, maxLength: Int, tokenize: (String) -> TokenizedText) -> EncodedPair {
        encodePair(query: tokenize(query).tokens, passage: passage.isEmpty ? nil : tokenize(passage), maxLength: maxLength)
    }

    /// The pair layout of tokenized texts; a nil `passage` encodes the query alone.
    func encodePair(query: [Token], passage: TokenizedText?, maxLength: Int) -> EncodedPair {
        guard let passage else {
            let kept = LongestFirstTruncation.keptLength(query.count, budget: maxLength - singleSpecialCount)
            let (ids, types) = layout(single, first: query[..<kept], second: [])
            return EncodedPair(
                inputIds: ids, tokenTypeIds: types, queryTokens: Array(query[..<kept]), passageTokens: [],
                truncation: TruncationReport(queryTokens: query.count, passageTokens: 0,
                                             queryTokensCut: query.count - kept, passageTokensCut: 0, passageKeptEnd: 0))
        }
        let kept = LongestFirstTruncation.keptLengths(first: query.count, second: passage.tokens.count,
                                                      budget: maxLength - pairSpecialCount)
        let keptQuery = query[..<kept.first]
        let keptPassage = passage.tokens[..<kept.second]
        let (ids, types) = layout(pair, first: keptQuery, second: keptPassage)
        return EncodedPair(
            inputIds: ids, tokenTypeIds: types, queryTokens: Array(keptQuery), passageTokens: Array(keptPassage),
            truncation: TruncationReport(
                queryTokens: query.count, passageTokens: passage.tokens.count,
                queryTokensCut: query.count - kept.first, passageTokensCut: passage.tokens.count - kept.second,
                passageKeptEnd: Self.keptEnd(of: passage, keeping: kept.second)))
    }

    /// The single-text layout, truncated on the right to `maxLength` tokens.
    func encode(_ text: TokenizedText, maxLength: Int) -> EncodedText {
        let kept = LongestFirstTruncation.keptLength(text.tokens.count, budget: maxLength - singleSpecialCount)
        let keptTokens = text.tokens[..<kept]
        return EncodedText(
            inputIds: layout(single, first: keptTokens, second: []).ids,
            tokens: Array(keptTokens),
            truncation: TruncationReport(queryTokens: 0, passageTokens: text.tokens.count, queryTokensCut: 0,
                                         passageTokensCut: text.tokens.count - kept,
                                         passageKeptEnd: Self.keptEnd(of: text, keeping: kept)))
    }

    /// The ids and token types of `parts` with the two texts filled in.
    private func layout(_ parts: [Part], first: ArraySlice<Token>, second: ArraySlice<Token>) -> (ids: [Int32], types: [Int32]) {
        var ids: [Int32] = []
        var types: [Int32] = []
        let capacity = first.count + second.count + parts.count + 2
        ids.reserveCapacity(capacity)
        types.reserveCapacity(capacity)
        for part in parts {
            switch part {
            case .special(let specialIds, let typeId):
                ids.append(contentsOf: specialIds)
                types.append(contentsOf: repeatElement(typeId, count: specialIds.count))
            case .first(let typeId):
                ids.append(contentsOf: first.lazy.map(\.id))
                types.append(contentsOf: repeatElement(typeId, count: first.count))
            case .second(let typeId):
                ids.append(contentsOf: second.lazy.map(\.id))
                types.append(contentsOf: repeatElement(typeId, count: second.count))
            }
        }
        return (ids, types)
    }

    /// Where the kept part of a text ends: its length when nothing was cut, else the end of the last kept token.
    private static func keptEnd(of text: TokenizedText, keeping kept: Int) -> Int {
        if kept == text.tokens.count { return text.scalarCount }
        return kept > 0 ? text.tokens[kept - 1].offsets.upperBound : 0
    }
}
