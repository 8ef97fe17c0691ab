import Foundation

/// transformers 5 builds some tokenizer classes from a `tokenizer.json`'s vocabulary with the class's own
/// pipeline instead of the file's (`TokenizersBackend.convert_to_native_format`). These are those classes'
/// rules, so that ids match what transformers gives rather than what the file alone would.
enum TransformersTokenizerClass {
    /// The names `tokenizer_class` gives XLM-R's tokenizer.
    static let xlmRobertaNames: Set<String> = ["XLMRobertaTokenizer", "XLMRobertaTokenizerFast"]

    /// XLM-R's class (named by `tokenizer_class`, else by `model_type` `xlm-roberta` in `config.json`) keeps only
    /// the file's first `Precompiled` normalizer, splits at white space before `Metaspace` (so text of only white
    /// space has no tokens), prepends `▁` unless `add_prefix_space` is false, and lays texts out as
    /// `<s> A </s>` / `<s> A </s> </s> B </s>` with its bos and eos tokens, all of token type 0.
    static func adapt(_ description: inout UnigramDescription, configFiles: TokenizerConfigFiles) throws {
        guard try isXLMRoberta(description, configFiles: configFiles) else { return }
        description.normalization = Array(description.normalization.lazy.filter {
            if case .precompiled = $0 { return true }
            return false
        }.prefix(1))
        description.preTokenization = [
            .whitespaceSplit,
            .metaspace(replacement: "\u{2581}", prependScheme: configFiles.addPrefixSpace == false ? .never : .always,
                       splits: true),
        ]
        let bos = try id(of: configFiles.token("bos_token", else: "<s>"), in: description)
        let eos = try id(of: configFiles.token("eos_token", else: "</s>"), in: description)
        let begin = UnigramDescription.TemplateStep.special(ids: [bos], typeId: 0)
        let end = UnigramDescription.TemplateStep.special(ids: [eos], typeId: 0)
        description.singleTemplate = [begin, .first(typeId: 0), end]
        description.pairTemplate = [begin, .first(typeId: 0), end, end, .second(typeId: 0), end]
    }

    private static func isXLMRoberta(_ description: UnigramDescription, configFiles: TokenizerConfigFiles) throws -> Bool {
        if let name = configFiles.tokenizerClass { return xlmRobertaNames.contains(name) }
        let config = description.source.deletingLastPathComponent().appendingPathComponent(ModelFileNames.config)
        return try JSONObject.readIfPresent(config)?.string("model_type") == "xlm-roberta"
    }

    /// A token's id as transformers finds it: an added token first, else the vocabulary's last piece of that text.
    private static func id(of token: String, in description: UnigramDescription) throws -> Int {
        if let added = description.addedTokens.first(where: { $0.content == token }) { return added.id }
        guard let index = description.pieces.lastIndex(of: token) else {
            throw ModelStoreError.invalidJSON(description.source, "the special token '\(token)' is neither an added token "
                + "nor a piece of the vocabulary; the tokenizer files do not belong together — fetch them again")
        }
        return index
    }
}
