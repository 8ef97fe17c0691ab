/// A token matched verbatim in raw text before normalization (the reference's `added_tokens`, e.g. `<s>` or
/// `[SEP]`), with the whitespace it absorbs on either side.
public struct AddedToken: Sendable, Hashable {
    /// The text matched, case-sensitively.
    public var content: String
    public var id: Int32
    /// Whether the whitespace before the token belongs to it (`lstrip`, as XLM-R's `<mask>` has).
    public var absorbsSpaceBefore: Bool
    /// Whether the whitespace after the token belongs to it (`rstrip`).
    public var absorbsSpaceAfter: Bool
    /// Whether the token is looked for in the normalized text rather than the raw text (`normalized`).
    public var matchesNormalizedText: Bool

    public init(content: String, id: Int32, absorbsSpaceBefore: Bool = false, absorbsSpaceAfter: Bool = false,
                matchesNormalizedText: Bool = false) {
        self.content = content
        self.id = id
        self.absorbsSpaceBefore = absorbsSpaceBefore
        self.absorbsSpaceAfter = absorbsSpaceAfter
        self.matchesNormalizedText = matchesNormalizedText
    }
}
