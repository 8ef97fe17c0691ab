import Foundation

/// The themes found in a `Themes` folder, the built-in default always among them, and what was
/// wrong with their files.
public struct ThemeLibrary: Sendable {
    /// The default theme first, then the others by name.
    public private(set) var themes: [Theme]
    public private(set) var diagnostics: [ThemeDiagnostic]

    /// Loads every `*.toml` in `directory` (a `dark.toml` replaces the built-in default);
    /// `nil` gives the built-in default only. The CLI finds the folder with `ResourceLocator`.
    public init(directory: URL?) {
        themes = [Theme.dark]
        diagnostics = []
        guard let directory else { return }
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension.lowercased() == "toml" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            diagnostics.append(ThemeDiagnostic(file: directory.path, line: nil,
                                               message: "cannot list the themes folder; only the built-in \(Theme.defaultName) theme is available"))
            return
        }
        for file in files {
            let (theme, problems) = ThemeParser.load(contentsOf: file)
            diagnostics += problems
            if let existing = themes.firstIndex(where: { $0.name == theme.name }) {
                themes[existing] = theme
            } else {
                themes.append(theme)
            }
        }
    }

    public var names: [String] { themes.map(\.name) }

    public func theme(named name: String) -> Theme? {
        themes.first { $0.name == name }
    }
}
