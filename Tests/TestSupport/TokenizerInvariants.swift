import Testing
import Tokenization

/// What every tokenizer must keep, checked with `#expect` on one input. Shared by the property tests of
/// Tokenization (WordPiece on MiniLM's vocabulary) and of Inference (each fixture's own tokenizer).
public enum TokenizerInvariants {
    /// Offsets lie inside the text's Unicode scalars, and neither starts nor ends ever go back.
    public static func expectMonotoneOffsets(_ tokens: [Token], in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let scalarCount = text.unicodeScalars.count
        for token in tokens {
            #expect(token.offsets.lowerBound >= 0 && token.offsets.upperBound <= scalarCount,
                    "\(token.piece) at \(token.offsets) is outside \(scalarCount) scalars", sourceLocation: sourceLocation)
        }
        for (previous, next) in zip(tokens, tokens.dropFirst()) {
            #expect(next.offsets.lowerBound >= previous.offsets.lowerBound && next.offsets.upperBound >= previous.offsets.upperBound,
                    "\(previous.piece) at \(previous.offsets) is followed by \(next.piece) at \(next.offsets)", sourceLocation: sourceLocation)
        }
    }

    /// A pair's `longest_first` truncation: within `maxLength`, each side a prefix of its tokens, a side cut
    /// only while it is the longer one, and a report that says what was cut.
    public static func expectPairTruncation(_ tokenizer: some PairTokenizer, query: String, passage: String, maxLength: Int,
                                            sourceLocation: SourceLocation = #_sourceLocation) {
        let queryTokens = tokenizer.tokenize(query), passageTokens = tokenizer.tokenize(passage)
        let pair = tokenizer.encodePair(query: query, passage: passage, maxLength: maxLength)
        // An empty passage is dropped, as transformers drops an empty `text_pair`: the query alone.
        let special = passage.isEmpty ? tokenizer.template.singleSpecialCount : tokenizer.template.pairSpecialCount
        let budget = maxLength - special
        let (keptQuery, keptPassage) = (pair.queryTokens.count, pair.passageTokens.count)

        #expect(pair.inputIds.count <= maxLength, sourceLocation: sourceLocation)
        #expect(pair.inputIds.count == keptQuery + keptPassage + special, sourceLocation: sourceLocation)
        #expect(keptQuery + keptPassage == min(queryTokens.count + passageTokens.count, budget), sourceLocation: sourceLocation)
        // Cut on the right: what is kept is the start of each side.
        #expect(pair.queryTokens == Array(queryTokens.prefix(keptQuery)), sourceLocation: sourceLocation)
        #expect(pair.passageTokens == Array(passageTokens.prefix(keptPassage)), sourceLocation: sourceLocation)
        // Longest first: a side is cut only while it is the longer one, so it ends at most one token
        // shorter than the other side's kept part.
        if keptQuery < queryTokens.count {
            #expect(keptQuery >= keptPassage - 1, "query cut to \(keptQuery), passage kept \(keptPassage)", sourceLocation: sourceLocation)
        }
        if keptPassage < passageTokens.count {
            #expect(keptPassage >= keptQuery - 1, "passage cut to \(keptPassage), query kept \(keptQuery)", sourceLocation: sourceLocation)
        }

        let report = pair.truncation
        #expect(report.queryTokens == queryTokens.count && report.passageTokens == passageTokens.count, sourceLocation: sourceLocation)
        #expect(report.queryTokensCut == queryTokens.count - keptQuery && report.passageTokensCut == passageTokens.count - keptPassage,
                sourceLocation: sourceLocation)
        let keptEnd = keptPassage < passageTokens.count ? (pair.passageTokens.last?.offsets.upperBound ?? 0) : passage.unicodeScalars.count
        #expect(report.passageKeptEnd == keptEnd, sourceLocation: sourceLocation)
    }

    /// A single text truncated on the right: the first tokens that fit beside the special tokens.
    public static func expectSingleTruncation(_ tokenizer: some PairTokenizer, text: String, maxLength: Int,
                                              sourceLocation: SourceLocation = #_sourceLocation) {
        let tokens = tokenizer.tokenize(text)
        let encoded = tokenizer.encode(text, maxLength: maxLength)
        let special = tokenizer.template.singleSpecialCount
        #expect(encoded.inputIds.count <= maxLength, sourceLocation: sourceLocation)
        #expect(encoded.tokens == Array(tokens.prefix(maxLength - special)), sourceLocation: sourceLocation)
        #expect(encoded.inputIds.count == encoded.tokens.count + special, sourceLocation: sourceLocation)
    }
}
