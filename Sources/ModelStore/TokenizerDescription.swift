import Foundation

/// What a tokenizer needs from a model folder, read from `tokenizer.json` or `vocab.txt` + configs:
/// a WordPiece (BERT family) or a SentencePiece Unigram (XLM-R) description.
public enum TokenizerDescription: Sendable, Hashable {
    case wordPiece(WordPieceDescription)
    case unigram(UnigramDescription)

    /// `model_max_length` when the files state a sensible one.
    public var modelMaxLength: Int? {
        switch self {
        case .wordPiece(let description): description.modelMaxLength
        case .unigram(let description): description.modelMaxLength
        }
    }

    /// Reads the tokenizer of `folder` as transformers' `AutoTokenizer` would: `tokenizer.json` when present
    /// (vocabulary, normaliser, special tokens), else `vocab.txt`; `model_max_length` and special tokens the
    /// `tokenizer.json` does not state come from `tokenizer_config.json` / `special_tokens_map.json`.
    /// It needs no weights and no supported architecture, unlike `ModelFolder.open`.
    public static func load(folder: URL) throws -> TokenizerDescription {
        let configFiles = try TokenizerConfigFiles.read(folder: folder)
        let tokenizerJSON = folder.appendingPathComponent(ModelFileNames.tokenizerJSON)
        let vocabulary = folder.appendingPathComponent(ModelFileNames.vocabulary)
        if FileManager.default.fileExists(atPath: tokenizerJSON.path) {
            return try TokenizerJSONReader.read(tokenizerJSON, configFiles: configFiles)
        } else if FileManager.default.fileExists(atPath: vocabulary.path) {
            let description = try VocabularyFileReader.read(vocabulary, configFiles: configFiles)
            try description.checkSpecialTokensAreInVocabulary(source: vocabulary)
            return .wordPiece(description)
        } else {
            throw ModelStoreError.missingFile(tokenizerJSON)
        }
    }
}
