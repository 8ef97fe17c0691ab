import Foundation

/// A BERT WordPiece tokenizer as `tokenizer.json` or `vocab.txt` + configs describe it.
public struct WordPieceDescription: Sendable, Hashable {
    /// Vocabulary entries in id order.
    public var vocabulary: [String]
    public var lowercase: Bool
    public var stripAccents: Bool?
    public var handleChineseChars: Bool
    public var cleanText: Bool
    public var unknownToken: String
    public var classifierToken: String
    public var separatorToken: String
    public var paddingToken: String
    /// `model_max_length` when the files state a sensible one.
    public var modelMaxLength: Int?

    public init(vocabulary: [String], lowercase: Bool, stripAccents: Bool?, handleChineseChars: Bool, cleanText: Bool,
                unknownToken: String, classifierToken: String, separatorToken: String, paddingToken: String, modelMaxLength: Int?) {
        self.vocabulary = vocabulary
        self.lowercase = lowercase
        self.stripAccents = stripAccents
        self.handleChineseChars = handleChineseChars
        self.cleanText = cleanText
        self.unknownToken = unknownToken
        self.classifierToken = classifierToken
        self.separatorToken = separatorToken
        self.paddingToken = paddingToken
        self.modelMaxLength = modelMaxLength
    }

    /// The special tokens must be vocabulary entries, else the files do not belong together.
    func checkSpecialTokensAreInVocabulary(source: URL) throws {
        let known = Set(vocabulary)
        for token in [unknownToken, classifierToken, separatorToken, paddingToken] where !known.contains(token) {
            throw ModelStoreError.invalidJSON(source, "the special token '\(token)' is not in the vocabulary; "
                + "the tokenizer files do not belong together — fetch them again from the model's repository")
        }
    }
}
