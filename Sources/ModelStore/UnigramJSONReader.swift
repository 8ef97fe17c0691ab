import Foundation

/// Reads the parts of a Unigram `tokenizer.json` (SentencePiece models such as XLM-R): the model, the
/// `Precompiled`/`Replace` normalizer, the `Metaspace`/`WhitespaceSplit` pre-tokenizer, the added tokens and
/// the post-processor's template. Any other component is refused with its name.
enum UnigramJSONReader {
    static func read(_ json: JSONObject, vocabulary: UnigramVocabularyReader.Vocabulary,
                     configFiles: TokenizerConfigFiles) throws -> UnigramDescription {
        let model = try json.requiredObject("model")
        guard let unknownId = try model.int("unk_id") else {
            throw model.invalid("unk_id", "is missing; a Unigram model without an unknown piece is not supported")
        }
        guard vocabulary.pieces.indices.contains(unknownId) else {
            throw model.invalid("unk_id", "is \(unknownId), outside the \(vocabulary.pieces.count) pieces; "
                + "the file is damaged — fetch it again")
        }
        if try model.bool("byte_fallback") == true {
            throw model.invalid("byte_fallback", "is true; byte-fallback Unigram models are not supported")
        }
        return UnigramDescription(
            source: json.url, pieces: vocabulary.pieces, scores: vocabulary.scores, unknownId: unknownId,
            normalization: try normalization(json), preTokenization: try preTokenization(json),
            addedTokens: try addedTokens(json),
            singleTemplate: try template(json, "single"), pairTemplate: try template(json, "pair"),
            modelMaxLength: configFiles.modelMaxLength)
    }

    // MARK: Normalizer

    private static func normalization(_ json: JSONObject) throws -> [UnigramDescription.Normalization] {
        guard let normalizer = try json.object("normalizer") else { return [] }
        return try TokenizerJSONReader.steps(normalizer, listKey: "normalizers").map { step in
            switch try step.string("type") {
            case "Precompiled":
                guard let encoded = try step.string("precompiled_charsmap") else {
                    throw ModelStoreError.missingField(step.url, step.fieldName("precompiled_charsmap"))
                }
                guard let charsmap = Data(base64Encoded: encoded) else {
                    throw step.invalid("precompiled_charsmap", "is not base64; the file is damaged — fetch it again")
                }
                return .precompiled(charsmap: [UInt8](charsmap))
            case "Replace":
                return try replacement(step)
            case let other:
                throw step.invalid("type", "is \(other ?? "missing"); a Unigram tokenizer's normalizer may only hold "
                    + "Precompiled and Replace steps")
            }
        }
    }

    /// `Replace` with a plain string, or with a regular expression that is one character repeated (`" {2,}"`).
    private static func replacement(_ step: JSONObject) throws -> UnigramDescription.Normalization {
        let pattern = try step.requiredObject("pattern")
        guard let content = try step.string("content") else {
            throw ModelStoreError.missingField(step.url, step.fieldName("content"))
        }
        if let text = try pattern.string("String") {
            guard !text.isEmpty else { throw pattern.invalid("String", "is empty; a Replace step must replace something") }
            return .replaceText(text, replacement: content)
        }
        guard let regex = try pattern.string("Regex") else {
            throw pattern.invalid("Regex", "is missing; a Replace pattern is a String or a Regex")
        }
        guard let run = characterRun(regex) else {
            throw pattern.invalid("Regex", "is \"\(regex)\"; only a repeated character (such as \" {2,}\") is supported")
        }
        return .replaceRuns(of: run.scalar, minimumLength: run.minimumLength, replacement: content)
    }

    /// `c{n,}` or `c+` for a character `c` that means itself in a regular expression.
    private static func characterRun(_ regex: String) -> (scalar: Unicode.Scalar, minimumLength: Int)? {
        var scalars = regex.unicodeScalars[...]
        guard let scalar = scalars.popFirst(), !"\\.^$|?*+()[]{}".unicodeScalars.contains(scalar) else { return nil }
        let quantifier = String(scalars)
        if quantifier == "+" { return (scalar, 1) }
        guard quantifier.hasPrefix("{"), quantifier.hasSuffix(",}"),
              let minimum = Int(quantifier.dropFirst().dropLast(2)), minimum >= 1 else { return nil }
        return (scalar, minimum)
    }

    // MARK: Pre-tokenizer

    private static func preTokenization(_ json: JSONObject) throws -> [UnigramDescription.PreTokenization] {
        guard let preTokenizer = try json.object("pre_tokenizer") else { return [] }
        return try TokenizerJSONReader.steps(preTokenizer, listKey: "pretokenizers").map { step in
            switch try step.string("type") {
            case "WhitespaceSplit":
                return .whitespaceSplit
            case "Metaspace":
                return try metaspace(step)
            case let other:
                throw step.invalid("type", "is \(other ?? "missing"); a Unigram tokenizer's pre-tokenizer may only hold "
                    + "Metaspace and WhitespaceSplit steps")
            }
        }
    }

    /// `Metaspace`; files written before `prepend_scheme` existed state `add_prefix_space` instead.
    private static func metaspace(_ step: JSONObject) throws -> UnigramDescription.PreTokenization {
        let replacement = try step.string("replacement") ?? "\u{2581}"
        guard replacement.unicodeScalars.count == 1, let marker = replacement.unicodeScalars.first else {
            throw step.invalid("replacement", "is \"\(replacement)\"; it must be one character")
        }
        var scheme = UnigramDescription.PrependScheme.always
        if let stated = try step.string("prepend_scheme") {
            guard let known = UnigramDescription.PrependScheme(rawValue: stated) else {
                throw step.invalid("prepend_scheme", "is \(stated); it must be always, first or never")
            }
            scheme = known
        }
        if try step.bool("add_prefix_space") == false {
            guard step.value("prepend_scheme") == nil || scheme == .never else {
                throw step.invalid("add_prefix_space", "is false but prepend_scheme is \(scheme.rawValue); the file contradicts itself")
            }
            scheme = .never
        }
        return .metaspace(replacement: marker, prependScheme: scheme, splits: try step.bool("split") ?? true)
    }

    // MARK: Added tokens

    private static func addedTokens(_ json: JSONObject) throws -> [UnigramDescription.AddedToken] {
        try (json.array("added_tokens") ?? []).map { value in
            let token = try json.nested(value, key: "added_tokens")
            guard let content = try token.string("content") else {
                throw ModelStoreError.missingField(token.url, token.fieldName("content"))
            }
            if try token.bool("single_word") == true {
                throw token.invalid("single_word", "is true for the added token \(content); single-word added tokens are not supported")
            }
            return UnigramDescription.AddedToken(
                content: content, id: try token.requiredInt("id"),
                stripsLeft: try token.bool("lstrip") ?? false, stripsRight: try token.bool("rstrip") ?? false,
                normalized: try token.bool("normalized") ?? false)
        }
    }

    // MARK: Post-processor

    /// The `single` or `pair` layout of the post-processor: `TemplateProcessing`, or `RobertaProcessing`
    /// (`<s> A </s>`, `<s> A </s> </s> B </s>`, all of token type 0); without one, the texts alone.
    private static func template(_ json: JSONObject, _ layout: String) throws -> [UnigramDescription.TemplateStep] {
        guard let processor = try json.object("post_processor") else {
            return layout == "single" ? [.first(typeId: 0)] : [.first(typeId: 0), .second(typeId: 0)]
        }
        switch try processor.string("type") {
        case "TemplateProcessing":
            return try templateSteps(processor, layout)
        case "RobertaProcessing":
            let classifier = UnigramDescription.TemplateStep.special(ids: [try tokenId(processor, "cls")], typeId: 0)
            let separator = UnigramDescription.TemplateStep.special(ids: [try tokenId(processor, "sep")], typeId: 0)
            return layout == "single" ? [classifier, .first(typeId: 0), separator]
                : [classifier, .first(typeId: 0), separator, separator, .second(typeId: 0), separator]
        case let other:
            throw processor.invalid("type", "is \(other ?? "missing"); a Unigram tokenizer's post-processor must be "
                + "TemplateProcessing or RobertaProcessing")
        }
    }

    private static func templateSteps(_ processor: JSONObject, _ layout: String) throws -> [UnigramDescription.TemplateStep] {
        guard let steps = try processor.array(layout) else {
            throw ModelStoreError.missingField(processor.url, processor.fieldName(layout))
        }
        let specialTokens = try processor.object("special_tokens")
        return try steps.map { value in
            let step = try processor.nested(value, key: layout)
            if let special = try step.object("SpecialToken") {
                let name = try special.string("id") ?? ""
                guard let entry = try specialTokens?.object(name), let ids = try entry.array("ids"),
                      case let numbers = ids.compactMap(JSONObject.wholeNumber), numbers.count == ids.count else {
                    throw processor.invalid("special_tokens", "does not give the ids of \(name); the file is damaged — fetch it again")
                }
                return .special(ids: numbers, typeId: try special.int("type_id") ?? 0)
            }
            guard let sequence = try step.object("Sequence") else {
                throw step.invalid("SpecialToken", "is missing; each template step is a SpecialToken or a Sequence")
            }
            let typeId = try sequence.int("type_id") ?? 0
            switch try sequence.string("id") {
            case "A": return .first(typeId: typeId)
            case "B": return .second(typeId: typeId)
            case let other: throw sequence.invalid("id", "is \(other ?? "missing"); a template sequence is A or B")
            }
        }
    }

    /// `RobertaProcessing` states each special token as `[token, id]`.
    private static func tokenId(_ processor: JSONObject, _ key: String) throws -> Int {
        guard let pair = try processor.array(key), pair.count == 2, let id = JSONObject.wholeNumber(pair[1]) else {
            throw processor.invalid(key, "must be [token, id]; the file is damaged — fetch it again")
        }
        return id
    }
}
