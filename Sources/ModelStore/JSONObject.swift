import Foundation

/// A JSON object read from a file, with typed field access whose errors name the file and the field.
struct JSONObject {
    let url: URL
    /// Dotted path of this object inside the file (`""` for the top level), used in messages.
    let path: String
    let fields: [String: Any]

    /// Reads and parses `url`; throws `missingFile` or `invalidJSON`.
    static func read(_ url: URL) throws -> JSONObject {
        try parse(try contents(of: url), from: url)
    }

    /// The bytes of the JSON file `url`; throws `missingFile` or `invalidJSON`.
    static func contents(of url: URL) throws -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else { throw ModelStoreError.missingFile(url) }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ModelStoreError.invalidJSON(url, "cannot be read (\(error.localizedDescription)); check its permissions")
        }
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

    /// The field's value, nil when it is absent or `null`. (Null is recognised by type: `is NSNull` would first
    /// bridge a nested object, which costs tens of milliseconds for a 30k-entry vocabulary.)
    func value(_ key: String) -> Any? {
        guard let value = fields[key], type(of: value) != NSNull.self else { return nil }
        return value
    }

    /// A JSON number that is a whole number, else nil.
    static func wholeNumber(_ value: Any) -> Int? {
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        guard double.rounded() == double, abs(double) < 0x1p53 else { return nil }
        return number.intValue
    }

    func int(_ key: String) throws -> Int? {
        guard let value = value(key) else { return nil }
        guard let number = Self.wholeNumber(value) else { throw wrongType(key, "a whole number") }
        return number
    }

    func requiredInt(_ key: String) throws -> Int {
        guard let number = try int(key) else { throw ModelStoreError.missingField(url, fieldName(key)) }
        return number
    }

    func double(_ key: String) throws -> Double? { try typed(key, "a number") }

    func string(_ key: String) throws -> String? { try typed(key, "a string") }

    func bool(_ key: String) throws -> Bool? { try typed(key, "true or false") }

    func array(_ key: String) throws -> [Any]? { try typed(key, "a list") }

    func object(_ key: String) throws -> JSONObject? {
        try value(key).map { try nested($0, key: key) }
    }

    func requiredObject(_ key: String) throws -> JSONObject {
        guard let object = try object(key) else { throw ModelStoreError.missingField(url, fieldName(key)) }
        return object
    }

    /// The field as a `T`; nil when absent or null, an error naming `expected` when it is something else.
    private func typed<T>(_ key: String, _ expected: String) throws -> T? {
        guard let value = value(key) else { return nil }
        guard let typed = value as? T else { throw wrongType(key, expected) }
        return typed
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
