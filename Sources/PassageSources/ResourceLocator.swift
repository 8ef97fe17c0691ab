import Foundation

/// Finds the `Samples/` and `Themes/` folders at run time.
///
/// Places are tried in order, and each folder comes from the first place that has it:
/// 1. `$RERANK_RESOURCES` (a folder holding `Samples/` and `Themes/`);
/// 2. the source checkout the executable was built in: walking up from the executable's real path
///    (symlinks resolved), the first folder holding both `Samples/` and `Package.swift`
///    (so `.build/release/rerank` finds the repository);
/// 3. `$RERANK_HOME` (default `~/.local/share/rerank`);
/// 4. `/usr/local/share/rerank`.
public struct ResourceLocator: Sendable {
    /// The places searched, in order.
    public let searchPlaces: [URL]

    /// Resources for the running process.
    public static let current = ResourceLocator(
        environment: ProcessInfo.processInfo.environment,
        executable: runningExecutable()
    )

    /// Builds the search list from an environment and the executable's location (for tests and tools).
    public init(environment: [String: String], executable: URL?) {
        var places: [URL] = []
        if let custom = environment["RERANK_RESOURCES"], !custom.isEmpty {
            places.append(URL(fileURLWithPath: custom))
        }
        if let executable, let checkout = Self.checkout(containing: executable) {
            places.append(checkout)
        }
        if let home = environment["RERANK_HOME"], !home.isEmpty {
            places.append(URL(fileURLWithPath: home))
        } else {
            let userHome = environment["HOME"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            places.append(userHome.appendingPathComponent(".local/share/rerank"))
        }
        places.append(URL(fileURLWithPath: "/usr/local/share/rerank"))
        self.searchPlaces = places
    }

    /// The `Samples/` folder, or nil when no search place has one (see `missingMessage(for:)`).
    public var samplesDirectory: URL? { firstDirectory(named: "Samples") }

    /// The `Themes/` folder, or nil when no search place has one (see `missingMessage(for:)`).
    public var themesDirectory: URL? { firstDirectory(named: "Themes") }

    /// The first search place that holds the folder `name`, as `place/name`.
    public func firstDirectory(named name: String) -> URL? {
        searchPlaces.lazy.map { $0.appendingPathComponent(name) }.first(where: Self.isDirectory)
    }

    /// Explains where `folder` (e.g. "Samples") was looked for and how to point at it.
    public func missingMessage(for folder: String) -> String {
        let places = searchPlaces.map { "  \($0.appendingPathComponent(folder).path)" }.joined(separator: "\n")
        return "cannot find the \(folder)/ folder; looked in:\n\(places)\n"
            + "set RERANK_RESOURCES to a folder that contains \(folder)/, or install it under ~/.local/share/rerank"
    }

    /// The `Samples/` folder, or an error carrying `missingMessage(for:)`.
    public func requireSamplesDirectory() throws(PassageSourceError) -> URL {
        guard let directory = samplesDirectory else {
            throw .resourcesNotFound(message: missingMessage(for: "Samples"))
        }
        return directory
    }

    /// The walk up from `executable` (symlinks resolved) to the first folder with `Samples/` and `Package.swift`.
    static func checkout(containing executable: URL) -> URL? {
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        while true {
            if isDirectory(folder.appendingPathComponent("Samples")),
               FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    /// The running executable: `/proc/self/exe` where it exists (Linux), else the bundle's
    /// executable, else `CommandLine.arguments[0]` against the current directory.
    static func runningExecutable() -> URL? {
        if let linked = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: linked)
        }
        if let bundled = Bundle.main.executableURL {
            return bundled
        }
        return CommandLine.arguments.first.map { URL(fileURLWithPath: $0) }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
