import Foundation

/// What `tokenizer_config.json` and `special_tokens_map.json` state; every field is nil when neither file states it.
struct TokenizerConfigFiles {
    var doLowerCase: Bool?
    var stripAccents: Bool?
    var tokenizeChineseChars: Bool?
    /// `tokenizer_class`, the transformers class that builds the tokenizer (e.g. `XLMRobertaTokenizer`).
    var tokenizerClass: String?
    /// `add_prefix_space`, which SentencePiece tokenizer classes turn into `Metaspace`'s prepend scheme.
    var addPrefixSpace: Bool?
    /// `model_max_length` when it is a sensible length (transformers writes 1e30 for "no limit").
    var modelMaxLength: Int?
    /// Special token strings by key (`unk_token`, `cls_token`, …); `tokenizer_config.json` wins over the map.
    var specialTokens: [String: String] = [:]

    static let specialTokenKeys = ["unk_token", "cls_token", "sep_token", "pad_token", "bos_token", "eos_token"]
    /// Longer `model_max_length` values are placeholders for "unlimited", not real limits.
    static let sensibleMaxLength = 1...1_000_000

    /// Reads both files from `folder`; either may be absent.
    static func read(folder: URL) throws -> TokenizerConfigFiles {
        var files = TokenizerConfigFiles()
        if let map = try JSONObject.readIfPresent(folder.appendingPathComponent(ModelFileNames.specialTokensMap)) {
            try files.takeSpecialTokens(from: map)
        }
        guard let config = try JSONObject.readIfPresent(folder.appendingPathComponent(ModelFileNames.tokenizerConfig)) else {
            return files
        }
        files.doLowerCase = try config.bool("do_lower_case")
        files.stripAccents = try config.bool("strip_accents")
        files.tokenizeChineseChars = try config.bool("tokenize_chinese_chars")
        files.tokenizerClass = try config.string("tokenizer_class")
        files.addPrefixSpace = try config.bool("add_prefix_space")
        if let length = config.value("model_max_length").flatMap(JSONObject.wholeNumber), sensibleMaxLength.contains(length) {
            files.modelMaxLength = length
        }
        try files.takeSpecialTokens(from: config)
        return files
    }

    /// The special token under `key`, else `fallback`.
    func token(_ key: String, else fallback: String) -> String {
        specialTokens[key] ?? fallback
    }

    /// Special tokens are strings, or objects `{"content": …}` (transformers' serialised `AddedToken`).
    private mutating func takeSpecialTokens(from json: JSONObject) throws {
        for key in Self.specialTokenKeys {
            guard let value = json.value(key) else { continue }
            if let text = value as? String {
                specialTokens[key] = text
            } else if let content = try json.nested(value, key: key).string("content") {
                specialTokens[key] = content
            } else {
                throw json.invalid(key, "must be a token string or an object with \"content\"; fix the file")
            }
        }
    }
}
