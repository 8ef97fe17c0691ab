/// One step of a SentencePiece-style normalizer, as `tokenizer.json` lists them.
public enum NormalizationStep: Sendable, Hashable {
    /// SentencePiece's compiled rules (`Precompiled`), e.g. XLM-R's NFKC-based `nmt_nfkc` map.
    case precompiled(PrecompiledCharsmap)
    /// A text replacement (`Replace`).
    case replace(TextReplacement)
}

/// What a `Replace` normalizer step replaces.
public enum TextReplacement: Sendable, Hashable {
    /// Every run of at least `minimumLength` copies of `scalar` becomes `replacement`
    /// (the regular expression `" {2,}"` is a run of two or more spaces).
    case runs(of: Unicode.Scalar, minimumLength: Int, replacement: String)
    /// Every occurrence of the non-empty `text`, left to right without overlaps, becomes `replacement`.
    case literal(String, replacement: String)
}
