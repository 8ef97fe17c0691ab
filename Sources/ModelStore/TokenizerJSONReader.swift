import Foundation

/// Reads a Hugging Face `tokenizer.json`: a WordPiece model (BERT family) or a Unigram model (XLM-R); any other
/// model type is refused rather than misread.
enum TokenizerJSONReader {
    static func read(_ url: URL, configFiles: TokenizerConfigFiles) throws -> TokenizerDescription {
        let (json, vocabulary) = try UnigramVocabularyReader.read(url)
        let model = try json.requiredObject("model")
        switch try model.string("type") {
        case nil, "WordPiece":
            return .wordPiece(try WordPieceJSONReader.read(json, configFiles: configFiles))
        case "Unigram":
            guard let vocabulary else {
                throw model.invalid("vocab", "must be a list of [piece, score] pairs; the file is damaged — fetch it again")
            }
            var description = try UnigramJSONReader.read(json, vocabulary: vocabulary, configFiles: configFiles)
            try TransformersTokenizerClass.adapt(&description, configFiles: configFiles)
            return .unigram(description)
        case let other?:
            throw model.invalid("type", "is \(other); only WordPiece (BERT family) and Unigram (XLM-R) tokenizers are supported")
        }
    }

    /// Refuses `json[key]` when it is present and not `expected`.
    static func expect(_ json: JSONObject, _ key: String, _ expected: String) throws {
        if let found = try json.string(key), found != expected {
            throw json.invalid(key, "is \(found); only \(expected) is supported")
        }
    }

    /// Refuses `json[key]` when it is absent or its `type` is not `expected`.
    static func expect(_ json: JSONObject, _ key: String, type expected: String) throws {
        guard let object = try json.object(key) else {
            throw json.invalid(key, "is missing; only \(expected) is supported")
        }
        try expect(object, "type", expected)
    }

    /// The steps of a component that may be one step or a `Sequence` of them under `listKey`.
    static func steps(_ component: JSONObject, listKey: String) throws -> [JSONObject] {
        guard try component.string("type") == "Sequence" else { return [component] }
        guard let list = try component.array(listKey) else {
            throw ModelStoreError.missingField(component.url, component.fieldName(listKey))
        }
        return try list.map { try component.nested($0, key: listKey) }
    }
}
