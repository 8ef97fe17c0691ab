import ModelStore
import Tokenization

extension BertTokenizer {
    /// The tokenizer a model folder's files describe.
    public init(_ description: TokenizerDescription) throws {
        try self.init(
            vocabulary: description.vocabulary,
            options: BertTextOptions(lowercase: description.lowercase, stripAccents: description.stripAccents,
                                     handleChineseChars: description.handleChineseChars, cleanText: description.cleanText),
            specialTokens: SpecialTokens(unknown: description.unknownToken, classifier: description.classifierToken,
                                         separator: description.separatorToken, padding: description.paddingToken))
    }
}
