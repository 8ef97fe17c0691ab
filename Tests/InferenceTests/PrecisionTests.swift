import Foundation
import ModelStore
import Testing
import TestSupport
@testable import Inference

/// The bf16 and int8 paths against the fp32 reference, on real and tiny models. The tolerances are the
/// ones the README states; `rerank eval --precision` measures the ranking cost on DL19.
@Suite("bf16 and int8 stay within their stated distance of fp32", .enabled(if: Fixtures.sharedAvailable))
struct PrecisionTests {
    @Test("bf16 either runs or is refused with kernelUnavailable, never a crash")
    func bf16IsRefusedOrRuns() throws {
        let weights = DenseWeights(weight: FloatBuffer(count: 64), bias: FloatBuffer(count: 8), inputs: 8, outputs: 8)
        do {
            _ = try DenseLayer(weights, precision: .bf16)
            #expect(Precision.bf16.runsHere)
        } catch let error as InferenceError {
            guard case .kernelUnavailable(let detail) = error else { Issue.record("unexpected \(error)"); return }
            #expect(detail.contains("bf16"))
        }
    }

    /// The largest and the mean |Δ| between two lists of first logits.
    private static func differences(_ a: [PairScore], _ b: [PairScore]) -> (largest: Float, mean: Float) {
        let d = zip(a, b).map { abs($0.logits[0] - $1.logits[0]) }
        return (d.max() ?? 0, d.reduce(0, +) / Float(max(d.count, 1)))
    }

    @Test("a dense layer in bf16 and int8 stays within the rounding bound of its precision", arguments: [Precision.bf16, .int8])
    func denseLayer(precision: Precision) throws {
        guard precision.runsHere else { return }
        let inputs = 96, outputs = 40, rows = 300 // more rows than one oneDNN block, and a tail
        let w = TestValues.uniform(inputs * outputs, seed: 7, spread: 1), xs = TestValues.uniform(rows * inputs, seed: 8, spread: 3)
        let weights = DenseWeights(weight: FloatBuffer(w), bias: FloatBuffer(TestValues.uniform(outputs, seed: 9, spread: 1)),
                                   inputs: inputs, outputs: outputs)
        let x = FloatBuffer(xs)
        let reference = FloatBuffer(count: rows * outputs), fast = FloatBuffer(count: rows * outputs)
        try DenseLayer(weights, precision: .fp32).apply(x, rows: rows, into: reference)
        try DenseLayer(weights, precision: precision).apply(x, rows: rows, into: fast)
        var worstRatio: Float = 0, anyDifference = false
        for r in 0..<rows {
            let row = xs[(r * inputs)..<((r + 1) * inputs)]
            // Half a quantization step of the row (uint8 over its range, which holds 0) and of each weight row (int8,
            // 7 bits on CPUs without VNNI).
            let rowStep = (max(row.max()!, 0) - min(row.min()!, 0)) / 255 / 2
            let levels: Float = OneDNN.hasDotProductInstructions ? 127 : 63
            for n in 0..<outputs {
                let column = w[(n * inputs)..<((n + 1) * inputs)]
                let weightStep = column.map(abs).max()! / levels / 2
                var bound: Float = 1e-4
                for (a, b) in zip(row, column) {
                    // bf16 rounds both factors to 8 significant bits (relative error ≤ 2⁻⁹ each).
                    bound += precision == .bf16 ? abs(a * b) * 0x1p-8 : abs(a) * weightStep + abs(b) * rowStep + rowStep * weightStep
                }
                let difference = abs(reference.pointer[r * outputs + n] - fast.pointer[r * outputs + n])
                worstRatio = max(worstRatio, difference / bound)
                anyDifference = anyDifference || difference > 0
            }
        }
        #expect(worstRatio <= 1, "\(precision): a difference reached \(worstRatio) of its rounding bound")
        #expect(anyDifference, "\(precision) computed exactly what fp32 did: the fast path did not run")
    }

    @Test("""
        the L6 cross-encoder on 200 golden pairs: bf16 within 0.03 mean / 0.2 largest, int8 within 0.2 / 1.0 logits \
        (0.4 / 2.0 with the 7-bit weights of CPUs without VNNI)
        """, arguments: [Precision.bf16, .int8])
    func crossEncoder(precision: Precision) async throws {
        guard precision.runsHere else { return }
        let lines = Array(try Fixtures.jsonLines(Fixtures.golden.appendingPathComponent("logits-ms-marco-MiniLM-L6-ce-local-v2.jsonl")).prefix(200))
        let pairs = try lines.map { (query: try #require($0["query"] as? String), passage: try #require($0["passage"] as? String)) }
        let folder = try ModelFolder.open(Fixtures.crossEncoderV2)
        let reference = try await CrossEncoder(folder: folder).score(pairs: pairs)
        let model = try CrossEncoder(folder: folder, precision: precision)
        #expect(model.info.precision == precision)
        #expect(model.info.summary.hasSuffix(" · \(precision.rawValue)"))
        let (largest, mean) = Self.differences(reference, try await model.score(pairs: pairs))
        let bounds: (largest: Float, mean: Float) = precision == .bf16 ? (0.2, 0.03)
            : OneDNN.hasDotProductInstructions ? (1.0, 0.2) : (2.0, 0.4)
        #expect(largest < bounds.largest && mean < bounds.mean, "\(precision): mean \(mean), largest \(largest)")
        print("L6 \(precision) against fp32 on 200 pairs: mean |Δlogit| \(mean), largest \(largest)")
    }

    @Test("every seed architecture runs in bf16 and int8, close to its fp32 logits",
          arguments: ["tiny-electra", "tiny-distilbert", "tiny-bert-cased", "tiny-xlmr", "tiny-bert-cat", "tiny-bert-2label-bin"])
    func architectures(fixture: String) async throws {
        let folder = try ModelFolder.open(ArchitectureFixtures.folder(fixture))
        let golden = try ArchitectureFixtures.golden(fixture)
        let tokenizer = ReferenceIdsTokenizer(vocabularySize: folder.config.vocabSize)
        let reference = try await CrossEncoder(folder: folder, tokenizer: tokenizer).score(encoded: golden.map(\.encoded))
        let spread = reference.map { abs($0.logits[0]) }.max() ?? 0
        for precision in [Precision.bf16, .int8] where precision.runsHere {
            let model = try CrossEncoder(folder: folder, tokenizer: tokenizer, precision: precision)
            let (largest, _) = Self.differences(reference, try await model.score(encoded: golden.map(\.encoded)))
            #expect(largest <= 0.1 * spread + 1e-3, "\(fixture) \(precision): largest difference \(largest), logits up to \(spread)")
        }
    }
}
