import Foundation

/// What a finished command printed and how it exited.
public struct CommandResult: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String
}

/// Runs the built `rerank` executable as a user would, with a controlled environment.
public enum RerankBinary {
    /// `rerank` beside the test bundle (SwiftPM builds both into one folder), else under `.build`.
    public static let url: URL? = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var candidates = [executable.deletingLastPathComponent().appendingPathComponent("rerank")]
        for configuration in ["release", "debug"] {
            candidates.append(Fixtures.repositoryRoot.appendingPathComponent(".build/\(configuration)/rerank"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    public static var available: Bool { url != nil }

    /// An environment whose model search path is `../shared/models` and whose state lives in `home`.
    public static func environment(home: URL) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["RERANK_MODEL_PATH"] = Fixtures.models.path
        environment["RERANK_HOME"] = home.appendingPathComponent("rerank-home").path
        environment["XDG_STATE_HOME"] = home.appendingPathComponent("state").path
        environment["HF_HOME"] = home.appendingPathComponent("hf").path
        environment["RERANK_RESOURCES"] = Fixtures.repositoryRoot.path
        return environment
    }

    /// `environment(home:)` for the explorer in a tmux window: a 256-colour terminal, colours on, and no trace
    /// of the tmux session the tests may themselves run in.
    public static func terminalEnvironment(home: URL) -> [String: String] {
        var environment = environment(home: home)
        environment["TERM"] = "xterm-256color"
        environment["NO_COLOR"] = nil
        environment["TMUX"] = nil
        return environment
    }

    /// Runs `rerank ARGUMENTS` to completion, feeding `input` on standard input.
    public static func run(_ arguments: [String], environment: [String: String], input: Data = Data()) throws -> CommandResult {
        guard let url else { throw FixtureError.missingExecutable("rerank") }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment
        let output = Pipe(), errors = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        standardInput.fileHandleForWriting.write(input)
        try standardInput.fileHandleForWriting.close()
        // Read both pipes while the process runs so a full pipe never blocks it.
        let errorData = ReadInBackground(errors.fileHandleForReading)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             standardOutput: String(decoding: outputData, as: UTF8.self),
                             standardError: String(decoding: errorData.wait(), as: UTF8.self))
    }

    /// `run`, waiting on a thread of its own, so a server the test runs in-process (the fake hub) keeps every task
    /// thread while the command talks to it.
    public static func runInBackground(_ arguments: [String], environment: [String: String],
                                       input: Data = Data()) async throws -> CommandResult {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try run(arguments, environment: environment, input: input) })
            }
        }
    }
}

/// Drains a pipe on another thread.
private final class ReadInBackground: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
