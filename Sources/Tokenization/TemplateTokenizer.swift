/// A tokenizer that splits texts through buffers it reuses within one encoding and lays them out with its
/// `EncodingTemplate`: the encodings `PairTokenizer` asks for are written once, here, for WordPiece and Unigram.
protocol TemplateTokenizer: PairTokenizer {
    /// The buffers one encoding reuses for each text it tokenizes.
    associatedtype Workspace
    /// Fresh buffers for one encoding.
    func makeWorkspace() -> Workspace
    /// The tokens of `text` and its length in Unicode scalars.
    func tokenizeCountingScalars(_ text: String, workspace: inout Workspace) -> EncodingTemplate.TokenizedText
}

extension TemplateTokenizer {
    /// The tokens of a text, without special tokens.
    public func tokenize(_ text: String) -> [Token] {
        var workspace = makeWorkspace()
        return tokenizeCountingScalars(text, workspace: &workspace).tokens
    }

    /// The pair layout (`[CLS] query [SEP] passage [SEP]`, `<s> query </s></s> passage </s>`) with
    /// `longest_first` truncation to `maxLength` tokens.
    ///
    /// As with the reference (`transformers` drops an empty `text_pair`), an empty passage encodes
    /// the query alone; a passage of only whitespace gives an empty second segment.
    /// A `maxLength` below the special tokens' count truncates nothing, as the reference does.
    public func encodePair(query: String, passage: String, maxLength: Int) -> EncodedPair {
        var workspace = makeWorkspace()
        return template.encodePair(query: query, passage: passage, maxLength: maxLength) {
            tokenizeCountingScalars($0, workspace: &workspace)
        }
    }

    /// The single-text layout (`[CLS] text [SEP]`), truncated on the right to `maxLength` tokens.
    public func encode(_ text: String, maxLength: Int) -> EncodedText {
        var workspace = makeWorkspace()
        return template.encode(tokenizeCountingScalars(text, workspace: &workspace), maxLength: maxLength)
    }

    /// The passage in windows of at most `length` tokens, `stride` apart, each with the whole query.
    public func encodePairWindows(query: String, passage: String, maxLength: Int, length: Int,
                                  stride: Int) -> WindowedEncoding<EncodedPair> {
        var workspace = makeWorkspace()
        return template.encodePairWindows(query: query, passage: passage, maxLength: maxLength, length: length,
                                          stride: stride) { tokenizeCountingScalars($0, workspace: &workspace) }
    }

    /// The text in windows of at most `length` tokens, `stride` apart, each with the special tokens.
    public func encodeWindows(_ text: String, maxLength: Int, length: Int, stride: Int) -> WindowedEncoding<EncodedText> {
        var workspace = makeWorkspace()
        return template.encodeWindows(tokenizeCountingScalars(text, workspace: &workspace), passage: text,
                                      maxLength: maxLength, length: length, stride: stride)
    }
}
