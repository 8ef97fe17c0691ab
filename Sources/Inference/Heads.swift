import Foundation

/// `BertForSequenceClassification`'s head: the pooler (dense + tanh on `[CLS]`) and the classifier.
struct ClassificationHead: Sendable {
    let pooler: DenseWeights
    let classifier: DenseWeights

    init(reader: BertTensorReader, hidden: Int, labels: Int) throws {
        pooler = try reader.dense("pooler.dense", inputs: hidden, outputs: hidden)
        classifier = try reader.dense("classifier", inputs: hidden, outputs: labels)
    }

    /// Raw logits of every sequence in the batch, from its first (`[CLS]`) token.
    func logits(hiddenStates: FloatBuffer, batch: PackedBatch) -> [[Float]] {
        let h = pooler.inputs, count = batch.sequenceCount
        let cls = FloatBuffer(count: count * h)
        for sequence in 0..<count {
            (cls.pointer + sequence * h).update(from: hiddenStates.readOnly + batch.range(of: sequence).lowerBound * h, count: h)
        }
        let pooled = FloatBuffer(count: count * h)
        dense(cls, rows: count, inputs: h, weight: pooler.weight, bias: pooler.bias, outputs: h, into: pooled)
        Kernels.tanh(pooled.pointer, count: count * h)
        let labels = classifier.outputs
        let logits = FloatBuffer(count: count * labels)
        dense(pooled, rows: count, inputs: h, weight: classifier.weight, bias: classifier.bias, outputs: labels, into: logits)
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
