extension BertTokenizer {
    /// `[CLS] query [SEP] passage [SEP]` with `longest_first` truncation to `maxLength` tokens.
    ///
    /// As with the reference (`transformers` drops an empty `text_pair`), an empty passage encodes
    /// the query alone, `[CLS] query [SEP]`; a passage of only whitespace gives an empty second segment.
    /// A `maxLength` below the special tokens' count truncates nothing, as the reference does.
    public func encodePair(query: String, passage: String, maxLength: Int) -> EncodedPair {
        var workspace = Workspace()
        let queryTokens = tokenizeCountingScalars(query, workspace: &workspace).tokens
        let passageTokens = passage.isEmpty ? nil : tokenizeCountingScalars(passage, workspace: &workspace)
        return template.encodePair(query: queryTokens, passage: passageTokens, maxLength: maxLength)
    }

    /// `[CLS] text [SEP]`, truncated on the right to `maxLength` tokens.
    public func encode(_ text: String, maxLength: Int) -> EncodedText {
        var workspace = Workspace()
        return template.encode(tokenizeCountingScalars(text, workspace: &workspace), maxLength: maxLength)
    }
}
