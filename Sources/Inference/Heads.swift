import Foundation
import ModelStore

/// The sequence-classification heads of the supported families. Each reads token 0's last hidden state,
/// optionally through a dense layer and its activation, into the output layer.
enum HeadLayout: Sendable, Hashable {
    /// `BertForSequenceClassification`: the pooler (dense + tanh), then `classifier`.
    case bertPooler
    /// `ElectraForSequenceClassification`: `classifier.dense` → GELU (erf) → `classifier.out_proj`.
    case electra
    /// `XLMRobertaForSequenceClassification`: `classifier.dense` → tanh → `classifier.out_proj`.
    case roberta
    /// `DistilBertForSequenceClassification`: `pre_classifier` → ReLU → `classifier`.
    case distilBert
    /// `BERT_Cat`: `_classification_layer` straight on token 0, no activation.
    case bertCat

    init(_ family: ModelFamily) {
        switch family {
        case .bert: self = .bertPooler
        case .electra: self = .electra
        case .roberta: self = .roberta
        case .distilBert: self = .distilBert
        case .bertCat: self = .bertCat
        }
    }

    /// The dense layer between token 0 and the output layer, and its activation; nil when there is none.
    var hiddenLayer: (name: TensorName, activation: HeadActivation)? {
        switch self {
        case .bertPooler: return (.encoder("pooler.dense"), .tanh)
        case .electra: return (.head("classifier.dense"), .gelu)
        case .roberta: return (.head("classifier.dense"), .tanh)
        case .distilBert: return (.head("pre_classifier"), .relu)
        case .bertCat: return nil
        }
    }

    /// The layer that gives one logit per label.
    var outputLayer: TensorName {
        switch self {
        case .bertPooler, .distilBert: return .head("classifier")
        case .electra, .roberta: return .head("classifier.out_proj")
        case .bertCat: return .head("_classification_layer")
        }
    }
}

/// The activation of a head's dense layer.
enum HeadActivation: Sendable, Hashable {
    case tanh, gelu, relu

    func apply(_ x: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .tanh: Kernels.tanh(x, count: count)
        case .gelu: Kernels.gelu(x, count: count)
        case .relu: Kernels.relu(x, count: count)
        }
    }
}

/// A sequence-classification head with its weights (see `HeadLayout`). A missing weight is the weight
/// file's `missingTensor` error, never a random initialisation. Heads stay in fp32 whatever the encoder's
/// precision: they read one row per sequence.
struct ClassificationHead: Sendable {
    let hiddenLayer: (layer: DenseLayer, activation: HeadActivation)?
    let output: DenseLayer

    init(layout: HeadLayout, reader: TensorReader, hidden: Int, labels: Int) throws {
        hiddenLayer = try layout.hiddenLayer.map {
            (try DenseLayer(try reader.dense($0.name, inputs: hidden, outputs: hidden), precision: .fp32), $0.activation)
        }
        output = try DenseLayer(try reader.dense(layout.outputLayer, inputs: hidden, outputs: labels), precision: .fp32)
    }

    /// Raw logits of `count` sequences from the last hidden state of their first tokens (`[CLS]` / `<s>`),
    /// [count × hidden].
    func logits(firstTokens: FloatBuffer, count: Int) throws -> [[Float]] {
        let h = output.inputs
        var features = firstTokens
        if let (layer, activation) = hiddenLayer {
            let activated = FloatBuffer(count: count * h)
            try layer.apply(features, rows: count, into: activated)
            activation.apply(activated.pointer, count: count * h)
            features = activated
        }
        let labels = output.outputs
        let logits = FloatBuffer(count: count * labels)
        try output.apply(features, rows: count, into: logits)
        return (0..<count).map { logits.array(from: $0 * labels, count: labels) }
    }

    /// The ranking score and probability of raw logits: one label → (logit, sigmoid);
    /// two labels → (softmax P(label 1), the same).
    static func score(logits: [Float]) -> (score: Double, probability: Double) {
        if logits.count == 2 {
            let p = 1 / (1 + Foundation.exp(Double(logits[0]) - Double(logits[1])))
            return (p, p)
        }
        let logit = Double(logits.first ?? 0)
        return (logit, 1 / (1 + Foundation.exp(-logit)))
    }
}

/// Sentence embeddings: the mean of every token's last hidden state, L2-normalised.
enum MeanPooling {
    static func embeddings(hiddenStates: FloatBuffer, batch: PackedBatch, hidden h: Int) -> [[Float]] {
        (0..<batch.sequenceCount).map { sequence in
            let range = batch.range(of: sequence)
            var sum = [Float](repeating: 0, count: h)
            for token in range {
                let row = hiddenStates.readOnly + token * h
                for j in 0..<h { sum[j] += row[j] }
            }
            let inverseCount = 1 / Float(max(range.count, 1))
            var norm: Float = 0
            for j in 0..<h {
                sum[j] *= inverseCount
                norm += sum[j] * sum[j]
            }
            let inverseNorm = 1 / max(norm.squareRoot(), 1e-12)
            return sum.map { $0 * inverseNorm }
        }
    }
}
