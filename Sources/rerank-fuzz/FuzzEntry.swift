import Foundation
import FuzzTargets

#if FUZZING
import CLibFuzzer

/// The target `$RERANK_FUZZ_TARGET` names, fuzzed by `LLVMFuzzerTestOneInput`.
private let fuzzedTarget = FuzzTargets.named(ProcessInfo.processInfo.environment["RERANK_FUZZ_TARGET"] ?? "",
                                             shared: FuzzTargets.defaultShared())

/// Built for fuzzing, `rerank-fuzz` hands its arguments to libFuzzer's driver and fuzzes the target
/// `$RERANK_FUZZ_TARGET` names; `RERANK_FUZZ_TARGET=list` prints the targets (name TAB summary) instead.
@main
struct FuzzDriver {
    static func main() {
        let targets = FuzzTargets.all(shared: FuzzTargets.defaultShared())
        if ProcessInfo.processInfo.environment["RERANK_FUZZ_TARGET"] == "list" {
            for target in targets { print("\(target.name)\t\(target.summary)") }
            return
        }
        guard fuzzedTarget != nil else {
            let names = targets.map(\.name).joined(separator: ", ")
            FileHandle.standardError.write(Data("rerank-fuzz: set RERANK_FUZZ_TARGET to one of \(names), or to list\n".utf8))
            exit(2)
        }
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
    }
}

/// libFuzzer's entry: one input through the target. Thrown errors are the parser refusing bad input, not findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? fuzzedTarget?.run(bytes)
    return 0
}
#else
/// Built normally, `rerank-fuzz` replays saved inputs: `rerank-fuzz TARGET FILE…` runs each file through the
/// target and prints how the parser answered; `rerank-fuzz --list` names the targets.
@main
struct ReplayTool {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let targets = FuzzTargets.all(shared: FuzzTargets.defaultShared())
        if arguments == ["--list"] {
            for target in targets { print("\(target.name)\t\(target.summary)") }
            return
        }
        guard let name = arguments.first, !arguments.dropFirst().isEmpty else {
            fail("usage: rerank-fuzz TARGET FILE… | rerank-fuzz --list")
        }
        guard let target = targets.first(where: { $0.name == name }) else {
            fail("rerank-fuzz: no target \(name); targets: \(targets.map(\.name).joined(separator: ", "))")
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { fail("rerank-fuzz: cannot read \(path)") }
            do {
                try target.run(Array(data))
                print("\(path): read")
            } catch {
                print("\(path): refused: \(error)")
            }
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(2)
    }
}
#endif
