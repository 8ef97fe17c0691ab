import Foundation

/// A JSON object read from a file, with typed field access whose errors name the file and the field.
struct JSONObject {
    let url: URL
    /// Dotted path of this object inside the file (`""` for the top level), used in messages.
    let path: String
    let fields: [String: Any]

    /// Reads and parses `url`; throws `missingFile` or `invalidJSON`.
    static func read(_ url: URL) throws -> JSONObject {
        guard FileManager.default.fileExists(atPath: url.path) else { throw ModelStoreError.missingFile(url) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ModelStoreError.invalidJSON(url, "cannot be read (\(error.localizedDescription)); check its permissions")
        }
        return try parse(data, from: url)
    }

    /// Parses `data`, which came from `url`; the top level must be an object.
    static func parse(_ data: Data, from url: URL) throws -> JSONObject {
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
            throw ModelStoreError.invalidJSON(url, "not valid JSON (\(detail)); the file is damaged — fetch it again")
        }
        guard let fields = value as? [String: Any] else {
            throw ModelStoreError.invalidJSON(url, "the top level is not a JSON object; the file is damaged — fetch it again")
        }
        return JSONObject(url: url, path: "", fields: fields)
    }

    /// Reads `url` when it exists, else nil.
    static func readIfPresent(_ url: URL) throws -> JSONObject? {
        FileManager.default.fileExists(atPath: url.path) ? try read(url) : nil
    }

    /// The field's value, nil when it is absent or `null`.
    func value(_ key: String) -> Any? {
        guard let value = fields[key], !(value is NSNull) else { return nil }
        return value
    }

    func int(_ key: String) throws -> Int? {
        guard let value = value(key) else { return nil }
        if let number = value as? Int { return number }
        if let number = value as? Double, number.rounded() == number, abs(number) < 0x1p53 { return Int(number) }
        throw wrongType(key, "a whole number")
    }

    func requiredInt(_ key: String) throws -> Int {
        guard let number = try int(key) else { throw ModelStoreError.missingField(url, fieldName(key)) }
        return number
    }

    func double(_ key: String) throws -> Double? {
        guard let value = value(key) else { return nil }
        guard let number = value as? Double else { throw wrongType(key, "a number") }
        return number
    }

    func string(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value as? String else { throw wrongType(key, "a string") }
        return text
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard let flag = value as? Bool else { throw wrongType(key, "true or false") }
        return flag
    }

    func object(_ key: String) throws -> JSONObject? {
        guard let value = value(key) else { return nil }
        guard let fields = value as? [String: Any] else { throw wrongType(key, "an object") }
        return JSONObject(url: url, path: fieldName(key), fields: fields)
    }

    func requiredObject(_ key: String) throws -> JSONObject {
        guard let object = try object(key) else { throw ModelStoreError.missingField(url, fieldName(key)) }
        return object
    }

    func array(_ key: String) throws -> [Any]? {
        guard let value = value(key) else { return nil }
        guard let items = value as? [Any] else { throw wrongType(key, "a list") }
        return items
    }

    /// Treats `value`, found under `key`, as a nested object.
    func nested(_ value: Any, key: String) throws -> JSONObject {
        guard let fields = value as? [String: Any] else { throw wrongType(key, "an object") }
        return JSONObject(url: url, path: fieldName(key), fields: fields)
    }

    /// The dotted name of `key` inside the file, for messages.
    func fieldName(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// An `invalidJSON` error about `key` that ends with what to do.
    func invalid(_ key: String, _ problem: String) -> ModelStoreError {
        .invalidJSON(url, "'\(fieldName(key))' \(problem)")
    }

    private func wrongType(_ key: String, _ expected: String) -> ModelStoreError {
        invalid(key, "must be \(expected); the file is damaged or written by an incompatible tool — fetch it again")
    }
}
