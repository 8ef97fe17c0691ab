import ModelStore
import Tokenization

extension BertTokenizer {
    /// The WordPiece tokenizer a model folder's files describe.
    public init(_ description: WordPieceDescription) throws {
        try self.init(
            vocabulary: description.vocabulary,
            options: BertTextOptions(lowercase: description.lowercase, stripAccents: description.stripAccents,
                                     handleChineseChars: description.handleChineseChars, cleanText: description.cleanText),
            specialTokens: SpecialTokens(unknown: description.unknownToken, classifier: description.classifierToken,
                                         separator: description.separatorToken, padding: description.paddingToken))
    }
}

extension UnigramTokenizer {
    /// The Unigram tokenizer a `tokenizer.json` describes; a description the tokenizer cannot use is an error
    /// naming the file.
    public init(_ description: UnigramDescription) throws {
        do {
            try self.init(
                pieces: description.pieces, scores: description.scores, unknownId: description.unknownId,
                normalization: try description.normalization.map(Self.step),
                preTokenization: description.preTokenization.map(Self.step),
                addedTokens: description.addedTokens.map {
                    AddedToken(content: $0.content, id: Int32(clamping: $0.id), absorbsSpaceBefore: $0.stripsLeft,
                               absorbsSpaceAfter: $0.stripsRight, matchesNormalizedText: $0.normalized)
                },
                template: try EncodingTemplate(single: description.singleTemplate.map(Self.part),
                                               pair: description.pairTemplate.map(Self.part)))
        } catch let error as TokenizerError {
            throw ModelStoreError.invalidJSON(description.source, error.description)
        }
    }

    private static func step(_ normalization: UnigramDescription.Normalization) throws -> NormalizationStep {
        switch normalization {
        case .precompiled(let charsmap):
            return .precompiled(try PrecompiledCharsmap(charsmap))
        case .replaceRuns(let scalar, let minimumLength, let replacement):
            return .replace(.runs(of: scalar, minimumLength: minimumLength, replacement: replacement))
        case .replaceText(let text, let replacement):
            return .replace(.literal(text, replacement: replacement))
        }
    }

    private static func step(_ preTokenization: UnigramDescription.PreTokenization) -> PreTokenizationStep {
        switch preTokenization {
        case .whitespaceSplit:
            return .whitespaceSplit
        case .metaspace(let replacement, let scheme, let splits):
            let prepend: Metaspace.PrependScheme = switch scheme {
            case .always: .always
            case .first: .first
            case .never: .never
            }
            return .metaspace(Metaspace(replacement: replacement, prependScheme: prepend, splits: splits))
        }
    }

    private static func part(_ step: UnigramDescription.TemplateStep) -> EncodingTemplate.Part {
        switch step {
        case .special(let ids, let typeId): .special(ids: ids.map { Int32(clamping: $0) }, typeId: Int32(clamping: typeId))
        case .first(let typeId): .first(typeId: Int32(clamping: typeId))
        case .second(let typeId): .second(typeId: Int32(clamping: typeId))
        }
    }
}

/// Builds the tokenizer a model folder describes.
public enum Tokenizers {
    /// The folder's tokenizer, as transformers' `AutoTokenizer` would build it.
    public static func load(_ folder: ModelFolder) throws -> any PairTokenizer {
        try build(try folder.tokenizer())
    }

    /// The tokenizer of a description, e.g. `TokenizerDescription.load(folder:)` of a folder that has no
    /// supported model yet.
    public static func build(_ description: TokenizerDescription) throws -> any PairTokenizer {
        switch description {
        case .wordPiece(let wordPiece): try BertTokenizer(wordPiece)
        case .unigram(let unigram): try UnigramTokenizer(unigram)
        }
    }
}
