import Foundation

/// What a tokenizer needs from a model folder, read from `tokenizer.json` or `vocab.txt` + configs.
public struct TokenizerDescription: Sendable, Hashable {
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

    /// Reads the tokenizer of `folder` as transformers' `AutoTokenizer` would: `tokenizer.json` when present
    /// (vocabulary, normaliser, special tokens), else `vocab.txt`; `model_max_length` and special tokens the
    /// `tokenizer.json` does not state come from `tokenizer_config.json` / `special_tokens_map.json`.
    static func load(folder: URL) throws -> TokenizerDescription {
        let configFiles = try TokenizerConfigFiles.read(folder: folder)
        let tokenizerJSON = folder.appendingPathComponent(ModelFileNames.tokenizerJSON)
        let vocabulary = folder.appendingPathComponent(ModelFileNames.vocabulary)
        let description: TokenizerDescription
        let source: URL
        if FileManager.default.fileExists(atPath: tokenizerJSON.path) {
            description = try TokenizerJSONReader.read(tokenizerJSON, configFiles: configFiles)
            source = tokenizerJSON
        } else if FileManager.default.fileExists(atPath: vocabulary.path) {
            description = try VocabularyFileReader.read(vocabulary, configFiles: configFiles)
            source = vocabulary
        } else {
            throw ModelStoreError.missingFile(tokenizerJSON)
        }
        try description.checkSpecialTokensAreInVocabulary(source: source)
        return description
    }

    private func checkSpecialTokensAreInVocabulary(source: URL) throws {
        let known = Set(vocabulary)
        for token in [unknownToken, classifierToken, separatorToken, paddingToken] where !known.contains(token) {
            throw ModelStoreError.invalidJSON(source, "the special token '\(token)' is not in the vocabulary; "
                + "the tokenizer files do not belong together — fetch them again from the model's repository")
        }
    }
}
