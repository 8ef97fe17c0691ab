/// One step of a SentencePiece-style pre-tokenizer, as `tokenizer.json` (or the tokenizer class) states it.
/// Each step splits the words the previous one made.
public enum PreTokenizationStep: Sendable, Hashable {
    /// Splits at white space (Unicode `White_Space`), which is dropped (`WhitespaceSplit`).
    case whitespaceSplit
    /// Marks word starts with a visible space character (`Metaspace`).
    case metaspace(Metaspace)
}

/// The `Metaspace` pre-tokenizer: spaces become `replacement` (`▁`), a word may get one in front, and the
/// text may be split before each.
public struct Metaspace: Sendable, Hashable {
    /// When a word that does not begin with the replacement gets one in front (`prepend_scheme`).
    public enum PrependScheme: Sendable, Hashable {
        /// Every word.
        case always
        /// Only a word that begins the original text.
        case first
        /// None.
        case never
    }

    public var replacement: Unicode.Scalar
    public var prependScheme: PrependScheme
    /// Whether the text is split before each replacement character (`split`).
    public var splits: Bool

    public init(replacement: Unicode.Scalar = "\u{2581}", prependScheme: PrependScheme = .always, splits: Bool = true) {
        self.replacement = replacement
        self.prependScheme = prependScheme
        self.splits = splits
    }
}
