import Foundation

/// A problem in a theme file, naming the file and line; the default theme's value is used instead.
public struct ThemeDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based; `nil` for problems of the whole file (a missing role, an unreadable file).
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// Reads theme files: a small subset of TOML with one `key = "value"` per line.
///
/// ```toml
/// # comments and blank lines are ignored
/// description = "What the theme is for"
/// text = "#d0d0d0"              # a role: a colour,
/// match = "#ffd75f bold"        # optionally followed by bold, dim, underline, reverse
/// ```
/// Every `ColorRole` should be named once. Unknown keys, bad colours and attributes, repeated or
/// missing roles are reported as `ThemeDiagnostic`s and the default theme's value is used.
public enum ThemeParser {
    /// Parses theme text; `file` names it in diagnostics and the theme is called `name`.
    public static func parse(_ text: String, name: String, file: String) -> (theme: Theme, diagnostics: [ThemeDiagnostic]) {
        var styles: [ColorRole: RoleStyle] = [:]
        var summary = ""
        var diagnostics: [ThemeDiagnostic] = []
        func report(_ line: Int?, _ message: String) {
            diagnostics.append(ThemeDiagnostic(file: file, line: line, message: message))
        }
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let (key, value) = keyValue(line) else {
                report(lineNumber, "expected key = \"value\", found \(line)")
                continue
            }
            if key == "description" {
                summary = value
                continue
            }
            guard let role = ColorRole(rawValue: key) else {
                report(lineNumber, "unknown key \(key); the keys are description and the colour roles: "
                       + ColorRole.allCases.map(\.rawValue).joined(separator: ", "))
                continue
            }
            if styles[role] != nil { report(lineNumber, "\(key) is set twice; the last value is used") }
            switch style(value) {
            case .success(let parsed): styles[role] = parsed
            case .failure(let problem): report(lineNumber, "\(key): \(problem.message); using the default theme's colour")
            }
        }
        for role in ColorRole.allCases where styles[role] == nil && !diagnostics.contains(where: { $0.message.hasPrefix("\(role.rawValue): ") }) {
            report(nil, "no colour for \(role.rawValue); using the default theme's")
        }
        return (Theme(name: name, summary: summary, styles: styles), diagnostics)
    }

    /// Reads and parses a theme file; the theme is named after the file (`dark.toml` → `dark`).
    public static func load(contentsOf url: URL) -> (theme: Theme, diagnostics: [ThemeDiagnostic]) {
        let name = url.deletingPathExtension().lastPathComponent
        guard let data = try? Data(contentsOf: url) else {
            return (Theme(name: name, styles: Theme.dark.styles),
                    [ThemeDiagnostic(file: url.path, line: nil, message: "cannot read the file; using the default theme")])
        }
        return parse(String(decoding: data, as: UTF8.self), name: name, file: url.path)
    }

    /// `key = "value"` with an optional trailing comment; `nil` when the line is not of that shape.
    private static func keyValue(_ line: Substring) -> (String, String)? {
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let key = line[..<equals].trimmingWhitespace()
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        let rest = line[line.index(after: equals)...].trimmingWhitespace()
        guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else { return nil }
        let value = rest[rest.index(after: rest.startIndex)..<close]
        let trailing = rest[rest.index(after: close)...].trimmingWhitespace()
        guard trailing.isEmpty || trailing.hasPrefix("#"), !value.contains("\\") else { return nil }
        return (String(key), String(value))
    }

    private struct StyleProblem: Error {
        var message: String
    }

    /// `#rrggbb` followed by attribute words.
    private static func style(_ value: String) -> Result<RoleStyle, StyleProblem> {
        let words = value.split(separator: " ")
        guard let first = words.first, let color = RGB(hex: String(first)) else {
            return .failure(StyleProblem(message: "bad colour \"\(value)\" (expected #rrggbb)"))
        }
        var attributes: CellAttributes = []
        for word in words.dropFirst() {
            switch word.lowercased() {
            case "bold": attributes.insert(.bold)
            case "dim": attributes.insert(.dim)
            case "underline": attributes.insert(.underline)
            case "reverse": attributes.insert(.reverse)
            default: return .failure(StyleProblem(message: "unknown attribute \(word) (use bold, dim, underline, reverse)"))
            }
        }
        return .success(RoleStyle(color, attributes))
    }
}
