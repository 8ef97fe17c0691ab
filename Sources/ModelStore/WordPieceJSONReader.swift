import Foundation

/// Reads a Hugging Face `tokenizer.json` whose model is BERT's WordPiece with the BERT normaliser,
/// pre-tokeniser and `[CLS] A [SEP] B [SEP]` post-processor; anything else is refused rather than misread.
enum WordPieceJSONReader {
    static func read(_ json: JSONObject, configFiles: TokenizerConfigFiles) throws -> WordPieceDescription {
        let model = try json.requiredObject("model")
        try TokenizerJSONReader.expect(model, "continuing_subword_prefix", "##")
        if let limit = try model.int("max_input_chars_per_word"), limit != 100 {
            throw model.invalid("max_input_chars_per_word", "is \(limit); only WordPiece's usual 100 is supported")
        }
        try TokenizerJSONReader.expect(json, "pre_tokenizer", type: "BertPreTokenizer")
        let normalizer = try normalizerOptions(json)
        let (classifier, separator) = try specialTokens(json, configFiles: configFiles)
        let padding = try json.object("padding")?.string("pad_token")
        let description = WordPieceDescription(
            vocabulary: try vocabulary(try model.requiredObject("vocab")),
            lowercase: normalizer.lowercase,
            stripAccents: normalizer.stripAccents,
            handleChineseChars: normalizer.handleChineseChars,
            cleanText: normalizer.cleanText,
            unknownToken: try model.string("unk_token") ?? configFiles.token("unk_token", else: "[UNK]"),
            classifierToken: classifier,
            separatorToken: separator,
            paddingToken: configFiles.specialTokens["pad_token"] ?? padding ?? "[PAD]",
            modelMaxLength: configFiles.modelMaxLength)
        try description.checkSpecialTokensAreInVocabulary(source: json.url)
        return description
    }

    /// The token → id map as an id-ordered array; ids must be exactly 0..<count.
    private static func vocabulary(_ vocab: JSONObject) throws -> [String] {
        var tokens = [String?](repeating: nil, count: vocab.fields.count)
        for (token, value) in vocab.fields {
            guard let id = JSONObject.wholeNumber(value), tokens.indices.contains(id), tokens[id] == nil else {
                throw vocab.invalid(token, "has id \(value), but ids must number the \(tokens.count) tokens 0 to "
                    + "\(tokens.count - 1) once each; the file is damaged — fetch it again")
            }
            tokens[id] = token
        }
        return tokens.compactMap { $0 }
    }

    private struct NormalizerOptions {
        var lowercase = false
        var stripAccents: Bool? = false
        var handleChineseChars = false
        var cleanText = false
    }

    /// The BERT normaliser's options: the normaliser itself, or the only one inside a `Sequence`; none means no
    /// normalisation at all.
    private static func normalizerOptions(_ json: JSONObject) throws -> NormalizerOptions {
        guard var normalizer = try json.object("normalizer") else { return NormalizerOptions() }
        if try normalizer.string("type") == "Sequence", let steps = try normalizer.array("normalizers"), steps.count == 1 {
            normalizer = try normalizer.nested(steps[0], key: "normalizers")
        }
        try TokenizerJSONReader.expect(normalizer, "type", "BertNormalizer")
        return NormalizerOptions(
            lowercase: try normalizer.bool("lowercase") ?? true,
            stripAccents: try normalizer.bool("strip_accents"),
            handleChineseChars: try normalizer.bool("handle_chinese_chars") ?? true,
            cleanText: try normalizer.bool("clean_text") ?? true)
    }

    /// `[CLS]` and `[SEP]` from the post-processor (`TemplateProcessing` or `BertProcessing`, possibly inside a
    /// `Sequence`); without a post-processor, from the config files.
    private static func specialTokens(_ json: JSONObject, configFiles: TokenizerConfigFiles) throws -> (String, String) {
        guard var processor = try json.object("post_processor") else {
            return (configFiles.token("cls_token", else: "[CLS]"), configFiles.token("sep_token", else: "[SEP]"))
        }
        if try processor.string("type") == "Sequence", let steps = try processor.array("processors") {
            let inner = try steps.map { try processor.nested($0, key: "processors") }
            guard let found = try inner.first(where: { try ["TemplateProcessing", "BertProcessing"].contains($0.string("type")) }) else {
                throw processor.invalid("processors", "holds no TemplateProcessing or BertProcessing step; only BERT's is supported")
            }
            processor = found
        }
        switch try processor.string("type") {
        case "BertProcessing":
            return (try tokenName(processor, "cls"), try tokenName(processor, "sep"))
        case "TemplateProcessing":
            return try pairTemplateTokens(processor)
        case let other:
            throw processor.invalid("type", "is \(other ?? "missing"); only TemplateProcessing and BertProcessing are supported")
        }
    }

    /// `BertProcessing` states each special token as `[token, id]`.
    private static func tokenName(_ processor: JSONObject, _ key: String) throws -> String {
        guard let pair = try processor.array(key), let token = pair.first as? String else {
            throw processor.invalid(key, "must be [token, id]; the file is damaged — fetch it again")
        }
        return token
    }

    /// The pair template must be `[CLS]:0 A:0 [SEP]:0 B:1 [SEP]:1`, the layout the BERT encoder expects.
    private static func pairTemplateTokens(_ processor: JSONObject) throws -> (String, String) {
        let steps = try processor.array("pair") ?? []
        let pieces: [(special: String?, sequence: String?, typeID: Int?)] = try steps.map { step in
            let step = try processor.nested(step, key: "pair")
            let special = try step.object("SpecialToken")
            let sequence = try step.object("Sequence")
            guard let piece = special ?? sequence else {
                throw processor.invalid("pair", "has a step that is neither a SpecialToken nor a Sequence")
            }
            return (try special?.string("id"), try sequence?.string("id"), try piece.int("type_id"))
        }
        let layout = pieces.map { $0.special == nil ? $0.sequence ?? "?" : "S" }
        guard layout == ["S", "A", "S", "B", "S"], pieces.map(\.typeID) == [0, 0, 0, 1, 1],
              let classifier = pieces[0].special, let separator = pieces[2].special, pieces[4].special == separator else {
            throw processor.invalid("pair", "is not BERT's [CLS] A [SEP] B [SEP] template with type ids 0 0 0 1 1; "
                + "only BERT-style pair encoding is supported")
        }
        return (classifier, separator)
    }
}
