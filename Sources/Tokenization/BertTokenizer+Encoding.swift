extension BertTokenizer {
    /// `[CLS] query [SEP] passage [SEP]` with `longest_first` truncation to `maxLength` tokens.
    ///
    /// As with the reference (`transformers` drops an empty `text_pair`), an empty passage encodes
    /// the query alone, `[CLS] query [SEP]`; a passage of only whitespace gives an empty second segment.
    /// A `maxLength` below the special tokens' count truncates nothing, as the reference does.
    public func encodePair(query: String, passage: String, maxLength: Int) -> EncodedPair {
        var workspace = Workspace()
        return template.encodePair(query: query, passage: passage, maxLength: maxLength) {
            tokenizeCountingScalars($0, workspace: &workspace)
        }
    }

    /// `[CLS] text [SEP]`, truncated on the right to `maxLength` tokens.
    public func encode(_ text: String, maxLength: Int) -> EncodedText {
        var workspace = Workspace()
        return template.encode(tokenizeCountingScalars(text, workspace: &workspace), maxLength: maxLength)
    }

    /// The passage in windows of at most `length` tokens, `stride` apart, each with the whole query.
    public func encodePairWindows(query: String, passage: String, maxLength: Int, length: Int,
                                  stride: Int) -> WindowedEncoding<EncodedPair> {
        var workspace = Workspace()
        return template.encodePairWindows(query: query, passage: passage, maxLength: maxLength, length: length, stride: stride) {
            tokenizeCountingScalars($0, workspace: &workspace)
        }
    }

    /// The text in windows of at most `length` tokens, `stride` apart, each with the special tokens.
    public func encodeWindows(_ text: String, maxLength: Int, length: Int, stride: Int) -> WindowedEncoding<EncodedText> {
        var workspace = Workspace()
        return template.encodeWindows(tokenizeCountingScalars(text, workspace: &workspace), passage: text,
                                      maxLength: maxLength, length: length, stride: stride)
    }
}
