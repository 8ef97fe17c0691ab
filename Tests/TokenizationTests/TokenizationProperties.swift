import PropertyBased
import Testing
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
            let scalarCount = text.unicodeScalars.count
            let tokens = tokenizer.tokenize(text)
            for token in tokens {
                #expect(token.offsets.lowerBound >= 0 && token.offsets.upperBound <= scalarCount,
                        "\(token.piece) at \(token.offsets) is outside \(scalarCount) scalars")
            }
            for (previous, next) in zip(tokens, tokens.dropFirst()) {
                #expect(next.offsets.lowerBound >= previous.offsets.lowerBound && next.offsets.upperBound >= previous.offsets.upperBound,
                        "\(previous.piece) at \(previous.offsets) is followed by \(next.piece) at \(next.offsets)")
            }
        }
    }

    @Test("pair truncation keeps to the budget, keeps prefixes and cuts as longest_first says")
    func pairTruncation() async {
        await propertyCheck(count: 300, input: Self.texts, Self.texts, Gen.int(in: 3...48)) { query, passage, maxLength in
            let queryTokens = tokenizer.tokenize(query), passageTokens = tokenizer.tokenize(passage)
            let pair = tokenizer.encodePair(query: query, passage: passage, maxLength: maxLength)
            // An empty passage is dropped, as transformers drops an empty `text_pair`: the query alone.
            let special = passage.isEmpty ? tokenizer.template.singleSpecialCount : tokenizer.template.pairSpecialCount
            let budget = maxLength - special
            let (keptQuery, keptPassage) = (pair.queryTokens.count, pair.passageTokens.count)

            #expect(pair.inputIds.count <= maxLength)
            #expect(pair.inputIds.count == keptQuery + keptPassage + special)
            #expect(keptQuery + keptPassage == min(queryTokens.count + passageTokens.count, budget))
            // Cut on the right: what is kept is the start of each side.
            #expect(pair.queryTokens == Array(queryTokens.prefix(keptQuery)))
            #expect(pair.passageTokens == Array(passageTokens.prefix(keptPassage)))
            // Longest first: a side is cut only while it is the longer one, so it ends at most one token
            // shorter than the other side's kept part.
            if keptQuery < queryTokens.count { #expect(keptQuery >= keptPassage - 1, "query cut to \(keptQuery), passage kept \(keptPassage)") }
            if keptPassage < passageTokens.count { #expect(keptPassage >= keptQuery - 1, "passage cut to \(keptPassage), query kept \(keptQuery)") }

            let report = pair.truncation
            #expect(report.queryTokens == queryTokens.count && report.passageTokens == passageTokens.count)
            #expect(report.queryTokensCut == queryTokens.count - keptQuery && report.passageTokensCut == passageTokens.count - keptPassage)
            let keptEnd = keptPassage < passageTokens.count ? (pair.passageTokens.last?.offsets.upperBound ?? 0) : passage.unicodeScalars.count
            #expect(report.passageKeptEnd == keptEnd)
        }
    }

    @Test("single-text truncation keeps the first tokens that fit the budget")
    func singleTruncation() async {
        await propertyCheck(count: 200, input: Self.texts, Gen.int(in: 2...32)) { text, maxLength in
            let tokens = tokenizer.tokenize(text)
            let encoded = tokenizer.encode(text, maxLength: maxLength)
            let special = tokenizer.template.singleSpecialCount
            #expect(encoded.inputIds.count <= maxLength)
            #expect(encoded.tokens == Array(tokens.prefix(maxLength - special)))
            #expect(encoded.inputIds.count == encoded.tokens.count + special)
        }
    }
}
