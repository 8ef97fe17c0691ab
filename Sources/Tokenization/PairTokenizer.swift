/// What the engine asks of any tokenizer (WordPiece for BERT-family models, Unigram for XLM-R): pair and
/// single-text encoding with the model's special tokens and `longest_first` truncation, and the tokens of a
/// text with their character offsets.
public protocol PairTokenizer: Sendable {
    /// How many ids the vocabulary has.
    var vocabularySize: Int { get }
    /// The model's pair layout (`[CLS] query [SEP] passage [SEP]`, or `<s> query </s></s> passage </s>`) with
    /// `longest_first` truncation to `maxLength` tokens.
    func encodePair(query: String, passage: String, maxLength: Int) -> EncodedPair
    /// One text with the model's special tokens, truncated on the right to `maxLength` tokens.
    func encode(_ text: String, maxLength: Int) -> EncodedText
    /// The passage in overlapping windows of at most `length` tokens, `stride` apart, each laid out with the
    /// whole query in the pair layout (see `EncodingTemplate.encodePairWindows`).
    func encodePairWindows(query: String, passage: String, maxLength: Int, length: Int, stride: Int) -> WindowedEncoding<EncodedPair>
    /// The text in overlapping windows of at most `length` tokens, `stride` apart, each in the single-text layout.
    func encodeWindows(_ text: String, maxLength: Int, length: Int, stride: Int) -> WindowedEncoding<EncodedText>
    /// Where the model's special tokens go (and how many there are).
    var template: EncodingTemplate { get }
    /// The tokens of a text, without special tokens, with Unicode-scalar offsets into it.
    func tokenize(_ text: String) -> [Token]
    /// The vocabulary entry of an id.
    func piece(for id: Int32) -> String
}

extension BertTokenizer: TemplateTokenizer {}
extension UnigramTokenizer: TemplateTokenizer {}
