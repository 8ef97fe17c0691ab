extension BertTokenizer {
    /// `[CLS] query [SEP] passage [SEP]` with `longest_first` truncation to `maxLength` tokens.
    ///
    /// As with the reference (`transformers` drops an empty `text_pair`), an empty passage encodes
    /// the query alone, `[CLS] query [SEP]`; a passage of only whitespace gives an empty second segment.
    /// A `maxLength` below the special tokens' count truncates nothing, as the reference does.
    public func encodePair(query: String, passage: String, maxLength: Int) -> EncodedPair {
        var workspace = Workspace()
        let queryTokens = tokenizeCountingScalars(query, workspace: &workspace).tokens
        guard !passage.isEmpty else {
            let kept = LongestFirstTruncation.keptLength(queryTokens.count, budget: maxLength - 2)
            let ids = [classifierId] + queryTokens[..<kept].map(\.id) + [separatorId]
            return EncodedPair(
                inputIds: ids,
                tokenTypeIds: [Int32](repeating: 0, count: ids.count),
                queryTokens: Array(queryTokens[..<kept]),
                passageTokens: [],
                truncation: TruncationReport(queryTokens: queryTokens.count, passageTokens: 0,
                                             queryTokensCut: queryTokens.count - kept, passageTokensCut: 0, passageKeptEnd: 0))
        }
        let (passageTokens, passageLength) = tokenizeCountingScalars(passage, workspace: &workspace)
        let kept = LongestFirstTruncation.keptLengths(first: queryTokens.count, second: passageTokens.count, budget: maxLength - 3)
        let keptQuery = queryTokens[..<kept.first]
        let keptPassage = passageTokens[..<kept.second]
        var ids: [Int32] = []
        ids.reserveCapacity(keptQuery.count + keptPassage.count + 3)
        ids.append(classifierId)
        ids.append(contentsOf: keptQuery.lazy.map(\.id))
        ids.append(separatorId)
        ids.append(contentsOf: keptPassage.lazy.map(\.id))
        ids.append(separatorId)
        var typeIds = [Int32](repeating: 0, count: keptQuery.count + 2)
        typeIds.append(contentsOf: repeatElement(1, count: keptPassage.count + 1))
        return EncodedPair(
            inputIds: ids,
            tokenTypeIds: typeIds,
            queryTokens: Array(keptQuery),
            passageTokens: Array(keptPassage),
            truncation: TruncationReport(
                queryTokens: queryTokens.count, passageTokens: passageTokens.count,
                queryTokensCut: queryTokens.count - kept.first, passageTokensCut: passageTokens.count - kept.second,
                passageKeptEnd: Self.keptEnd(of: passageTokens, keeping: kept.second, scalarCount: passageLength)))
    }

    /// `[CLS] text [SEP]`, truncated on the right to `maxLength` tokens.
    public func encode(_ text: String, maxLength: Int) -> EncodedText {
        var workspace = Workspace()
        let (tokens, length) = tokenizeCountingScalars(text, workspace: &workspace)
        let kept = LongestFirstTruncation.keptLength(tokens.count, budget: maxLength - 2)
        let keptTokens = tokens[..<kept]
        return EncodedText(
            inputIds: [classifierId] + keptTokens.map(\.id) + [separatorId],
            tokens: Array(keptTokens),
            truncation: TruncationReport(queryTokens: 0, passageTokens: tokens.count, queryTokensCut: 0,
                                         passageTokensCut: tokens.count - kept,
                                         passageKeptEnd: Self.keptEnd(of: tokens, keeping: kept, scalarCount: length)))
    }

    /// Where the kept part of a text ends: its length when nothing was cut, else the end of the last kept token.
    private static func keptEnd(of tokens: [Token], keeping kept: Int, scalarCount: Int) -> Int {
        if kept == tokens.count { return scalarCount }
        return kept > 0 ? tokens[kept - 1].offsets.upperBound : 0
    }
}
