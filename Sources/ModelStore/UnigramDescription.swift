import Foundation

/// A SentencePiece Unigram tokenizer (XLM-R, bge-reranker) as `tokenizer.json` describes it, with the
/// pipeline transformers actually runs for the tokenizer class the folder names.
public struct UnigramDescription: Sendable, Hashable {
    /// One step of the normalizer.
    public enum Normalization: Sendable, Hashable {
        /// SentencePiece's compiled rules (`Precompiled`), the decoded `precompiled_charsmap`.
        case precompiled(charsmap: [UInt8])
        /// `Replace` with a regular expression of the form `c{n,}` (or `c+`): each run of at least
        /// `minimumLength` copies of `scalar` becomes `replacement`.
        case replaceRuns(of: Unicode.Scalar, minimumLength: Int, replacement: String)
        /// `Replace` with a plain, non-empty string pattern.
        case replaceText(String, replacement: String)
    }

    /// One step of the pre-tokenizer.
    public enum PreTokenization: Sendable, Hashable {
        /// `WhitespaceSplit`.
        case whitespaceSplit
        /// `Metaspace`: spaces become `replacement`, which is put in front of words per `prependScheme`;
        /// with `splits`, the text is cut before each.
        case metaspace(replacement: Unicode.Scalar, prependScheme: PrependScheme, splits: Bool)
    }

    /// Which words `Metaspace` puts its replacement character in front of (`prepend_scheme`).
    public enum PrependScheme: String, Sendable, Hashable {
        /// Every word that does not begin with it.
        case always
        /// Only a word that begins the original text.
        case first
        case never
    }

    /// A token of `added_tokens`, matched in the text before the model sees it.
    public struct AddedToken: Sendable, Hashable {
        public var content: String
        public var id: Int
        /// `lstrip` / `rstrip`: the token takes the white space beside it.
        public var stripsLeft: Bool
        public var stripsRight: Bool
        /// `normalized`: matched in the normalized text rather than the raw text.
        public var normalized: Bool

        public init(content: String, id: Int, stripsLeft: Bool = false, stripsRight: Bool = false, normalized: Bool = false) {
            self.content = content
            self.id = id
            self.stripsLeft = stripsLeft
            self.stripsRight = stripsRight
            self.normalized = normalized
        }
    }

    /// One step of the post-processor's template.
    public enum TemplateStep: Sendable, Hashable {
        case special(ids: [Int], typeId: Int)
        /// The first text (`A`).
        case first(typeId: Int)
        /// The second text (`B`).
        case second(typeId: Int)
    }

    /// The `tokenizer.json` read.
    public var source: URL
    /// Piece texts and scores in id order.
    public var pieces: [String]
    public var scores: [Double]
    public var unknownId: Int
    public var normalization: [Normalization]
    public var preTokenization: [PreTokenization]
    public var addedTokens: [AddedToken]
    public var singleTemplate: [TemplateStep]
    public var pairTemplate: [TemplateStep]
    /// `model_max_length` when the files state a sensible one.
    public var modelMaxLength: Int?

    public init(source: URL, pieces: [String], scores: [Double], unknownId: Int, normalization: [Normalization],
                preTokenization: [PreTokenization], addedTokens: [AddedToken], singleTemplate: [TemplateStep],
                pairTemplate: [TemplateStep], modelMaxLength: Int?) {
        self.source = source
        self.pieces = pieces
        self.scores = scores
        self.unknownId = unknownId
        self.normalization = normalization
        self.preTokenization = preTokenization
        self.addedTokens = addedTokens
        self.singleTemplate = singleTemplate
        self.pairTemplate = pairTemplate
        self.modelMaxLength = modelMaxLength
    }
}
