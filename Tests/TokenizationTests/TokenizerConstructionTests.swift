import Testing
import Tokenization

/// Building a tokenizer from a vocabulary, and the lookups it offers.
struct TokenizerConstructionTests {
    @Test("an empty vocabulary or a missing special token is an error")
    func errors() {
        #expect(throws: TokenizerError.emptyVocabulary) { try BertTokenizer(vocabulary: []) }
        #expect(throws: TokenizerError.missingSpecialToken("[SEP]")) {
            try BertTokenizer(vocabulary: ["[PAD]", "[UNK]", "[CLS]", "a"])
        }
        #expect(TokenizerError.missingSpecialToken("[SEP]").description.contains("[SEP]"))
    }

    @Test("special token ids, pieces and lookups")
    func lookups() throws {
        let tokenizer = try TokenizerFixtures.small()
        #expect(tokenizer.vocabularySize == TokenizerFixtures.smallVocabulary.count)
        #expect([tokenizer.paddingId, tokenizer.unknownId, tokenizer.classifierId, tokenizer.separatorId] == [0, 1, 2, 3])
        #expect(tokenizer.piece(for: 5) == "play")
        #expect(tokenizer.piece(for: 9999) == "[UNK]")
        #expect(tokenizer.piece(for: -1) == "[UNK]")
        #expect(tokenizer.id(of: "##ing") == 6)
        #expect(tokenizer.addedTokens == ["[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]"])
    }

    @Test("custom special tokens")
    func customSpecialTokens() throws {
        let vocabulary = ["<pad>", "<unk>", "<s>", "</s>", "a"]
        let tokenizer = try BertTokenizer(vocabulary: vocabulary, specialTokens: SpecialTokens(unknown: "<unk>", classifier: "<s>", separator: "</s>", padding: "<pad>"))
        #expect(tokenizer.encodePair(query: "a", passage: "b", maxLength: 8).inputIds == [2, 4, 3, 1, 3])
    }

    @Test("an entry listed twice keeps its last id, like the reference's vocabulary map")
    func duplicateEntries() throws {
        let tokenizer = try BertTokenizer(vocabulary: TokenizerFixtures.smallVocabulary + ["play"])
        #expect(tokenizer.id(of: "play") == Int32(TokenizerFixtures.smallVocabulary.count))
    }
}
