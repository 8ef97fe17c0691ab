import PropertyBased
import Testing
import TestSupport
import Tokenization

/// Invariants of the real all-MiniLM-L6-v2 WordPiece tokenizer on random texts: offsets stay monotone and
/// inside the text, and `longest_first` truncation keeps to the budget and cuts the longer side first.
@Suite("Tokenization properties")
struct TokenizationProperties {
    let tokenizer: BertTokenizer

    init() throws { tokenizer = try TokenizerFixtures.miniLM.get() }

    /// Pieces texts are made of: words of the vocabulary and not, accents (precomposed and combining),
    /// punctuation, CJK, emoji and ZWJ sequences, removed and space characters.
    static let fragments = [
        "play", "playing", "unwantable", "booster", "doses", "Vaccine", "ÉCOLE", "café", "cafe\u{301}", "naïve",
        "x\u{301}\u{323}", "İstanbul", "σς", "中文", "東京", "😋", "👨‍👩‍👧", "\u{200B}", "\u{00AD}", "\u{0}",
        ".", ",", "!", "'", "(", ")", "—", "42", "3.14", " ", "  ", "\t", "\n", "\u{00A0}", "\u{3000}",
    ]

    /// Texts of 0 to 40 fragments; shrinking drops fragments.
    static let texts = Gen<String?>.element(of: fragments).compactMap { $0 }.array(of: 0...40).map { $0.joined() }

    @Test("token offsets are inside the text and monotone")
    func offsetsAreMonotoneAndInside() async {
        await propertyCheck(count: 300, input: Self.texts) { text in
            TokenizerInvariants.expectMonotoneOffsets(tokenizer.tokenize(text), in: text)
        }
    }

    @Test("pair truncation keeps to the budget, keeps prefixes and cuts as longest_first says")
    func pairTruncation() async {
        await propertyCheck(count: 300, input: Self.texts, Self.texts, Gen.int(in: 3...48)) { query, passage, maxLength in
            TokenizerInvariants.expectPairTruncation(tokenizer, query: query, passage: passage, maxLength: maxLength)
        }
    }

    @Test("single-text truncation keeps the first tokens that fit the budget")
    func singleTruncation() async {
        await propertyCheck(count: 200, input: Self.texts, Gen.int(in: 2...32)) { text, maxLength in
            TokenizerInvariants.expectSingleTruncation(tokenizer, text: text, maxLength: maxLength)
        }
    }
}
