@testable import Inference

/// The precisions this CPU's tests run: every one but bf16 on a CPU without AVX512_BF16 or AMX, where loading a layer
/// in it is refused (which `PrecisionTests.bf16IsRefusedOrRuns` checks). fp32 and int8 always run; a failure to load
/// them is a test failure, never a skip.
extension Precision {
    static let runnableHere: [Precision] = {
        let weights = DenseWeights(weight: FloatBuffer(count: 64), bias: FloatBuffer(count: 8), inputs: 8, outputs: 8)
        let bf16Runs = (try? DenseLayer(weights, precision: .bf16)) != nil
        return allCases.filter { $0 != .bf16 || bf16Runs }
    }()

    var runsHere: Bool { Self.runnableHere.contains(self) }
}
