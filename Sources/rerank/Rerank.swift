import ArgumentParser
import Foundation

/// The `rerank` command: the explorer by default, and the engine's subcommands.
@main
struct Rerank: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerank",
        abstract: "Explore how neural rerankers order passages.",
        discussion: """
            With no subcommand, opens the explorer on the default sample. Models are named by path or by \
            name, looked up in RERANK_MODEL_PATH, the project's model directory and the Hugging Face cache \
            (see `rerank models`); an ORG/NAME[@REVISION] missing from the cache is downloaded from the \
            Hugging Face Hub on first use (`rerank models pull` does it ahead; --offline or HF_HUB_OFFLINE=1 \
            never downloads).
            """,
        subcommands: [Explore.self, Score.self, Explain.self, Tokenize.self, Embed.self, Eval.self, Compare.self, RerankRun.self, Bench.self,
                      Serve.self, Models.self, TraceSummaryCommand.self],
        defaultSubcommand: Explore.self)

    /// A closed pipe makes writes fail (EPIPE), which `StandardStreams` answers by ending quietly, rather than
    /// killing the process with SIGPIPE or not depending on whether the network stack (which ignores it) has started.
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        await main(nil)
    }
}
