import Testing
@testable import Tokenization

/// `WhitespaceSplit` and `Metaspace`, alone and in sequence.
struct UnigramPreTokenizerTests {
    /// The words of `text` (whose first scalar has origin `firstOrigin`) after `steps`.
    private func words(_ text: String, _ steps: [PreTokenizationStep], firstOrigin: Int = 0) -> [String] {
        var normalized = AlignedScalars()
        for (index, scalar) in text.unicodeScalars.enumerated() { normalized.append(scalar.value, origin: firstOrigin + index) }
        var rewritten = AlignedScalars()
        var ranges: [Range<Int>] = []
        var workspace = UnigramPreTokenizer.Workspace()
        UnigramPreTokenizer(steps: steps).words(of: normalized, range: 0..<normalized.count, text: &rewritten, words: &ranges,
                                                workspace: &workspace)
        return ranges.map { range in
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: rewritten.values[range].compactMap(Unicode.Scalar.init))
            return String(scalars)
        }
    }

    private let always = PreTokenizationStep.metaspace(Metaspace())

    @Test("Metaspace: spaces become ▁, one goes in front, and each starts a word; runs of spaces leave ▁ words")
    func metaspace() {
        #expect(words("hello  world ", [always]) == ["▁hello", "▁", "▁world", "▁"])
        #expect(words(" lead", [always]) == ["▁lead"], "a text starting with a space gets no second ▁")
        #expect(words("a\u{2581}b", [always]) == ["▁a", "▁b"], "a ▁ in the text splits too")
        #expect(words("", [always]).isEmpty)
    }

    @Test("WhitespaceSplit first: white space of any kind is dropped and only words get ▁")
    func whitespaceSplitThenMetaspace() {
        #expect(words(" hello \t\u{85}world\u{3000}", [.whitespaceSplit, always]) == ["▁hello", "▁world"])
        #expect(words(" \n ", [.whitespaceSplit, always]).isEmpty)
    }

    @Test("prepend schemes: never; first only for a word that begins the original text")
    func prependSchemes() {
        let never = PreTokenizationStep.metaspace(Metaspace(prependScheme: .never))
        let first = PreTokenizationStep.metaspace(Metaspace(prependScheme: .first))
        #expect(words("a b", [never]) == ["a", "▁b"])
        #expect(words("a b", [.whitespaceSplit, first]) == ["▁a", "b"])
        #expect(words("a b", [first], firstOrigin: 3) == ["a", "▁b"], "a part after an added token")
    }

    @Test("without splitting, a text stays one word")
    func noSplit() {
        #expect(words("a b", [.metaspace(Metaspace(splits: false))]) == ["▁a▁b"])
        #expect(words("a b", []) == ["a b"])
    }
}
