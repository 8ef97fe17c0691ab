import Foundation

/// One parser of outside input, fed raw bytes: the fuzzer's unit and the regression tests' unit.
///
/// `run` hands the bytes to the same parsing code the app uses. Errors it throws are expected answers to bad
/// input; only a crash, a leak or a hang is a finding.
public struct FuzzTarget: Sendable {
    /// The name `scripts/fuzz`, `rerank-fuzz` and the regression folders use (`Tests/…/FuzzRegressions/NAME`).
    public let name: String
    /// What the bytes are taken to be, in a few words.
    public let summary: String
    private let body: @Sendable ([UInt8]) throws -> Void

    init(_ name: String, _ summary: String, run body: @escaping @Sendable ([UInt8]) throws -> Void) {
        self.name = name
        self.summary = summary
        self.body = body
    }

    /// Feeds one input to the parser; thrown errors are the parser's answer to bad input.
    public func run(_ data: [UInt8]) throws {
        try body(data)
    }
}
