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

/// Builds the tokenizer a model folder describes.
public enum Tokenizers {
    /// The folder's tokenizer, as transformers' `AutoTokenizer` would build it.
    public static func load(_ folder: ModelFolder) throws -> any PairTokenizer {
        try BertTokenizer(try folder.tokenizer())
    }
}
