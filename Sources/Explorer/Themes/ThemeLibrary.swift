import Foundation

/// The themes found in a `Themes` folder, the built-in default always among them, and what was
/// wrong with their files.
public struct ThemeLibrary: Sendable {
    /// The default theme first, then the others by name.
    public private(set) var themes: [Theme]
    public private(set) var diagnostics: [ThemeDiagnostic]

    /// Loads every `*.toml` in `directory` (a `dark.toml` replaces the built-in default);
    /// `nil` gives the built-in default only.
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

    /// Where the `Themes` folder is: `$RERANK_THEMES`, else `Themes` beside the executable or in
    /// `../share/rerank` from it, else `Themes` in the current folder, else the source checkout the
    /// program was built from. `nil` when none exists (the built-in theme still works).
    public static func findDirectory(environment: [String: String] = ProcessInfo.processInfo.environment,
                                     executablePath: String = CommandLine.arguments.first ?? "") -> URL? {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let custom = environment["RERANK_THEMES"], !custom.isEmpty { candidates.append(URL(fileURLWithPath: custom)) }
        if !executablePath.isEmpty {
            let folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent("Themes"))
            candidates.append(folder.deletingLastPathComponent().appendingPathComponent("share/rerank/Themes"))
        }
        candidates.append(URL(fileURLWithPath: fileManager.currentDirectoryPath).appendingPathComponent("Themes"))
        var source = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { source.deleteLastPathComponent() }
        candidates.append(source.appendingPathComponent("Themes"))
        return candidates.first { candidate in
            var isFolder: ObjCBool = false
            return fileManager.fileExists(atPath: candidate.path, isDirectory: &isFolder) && isFolder.boolValue
        }
    }

    public func theme(named name: String) -> Theme? {
        themes.first { $0.name == name }
    }
}
