import Synchronization

/// The buffers one batch's pass through the encoder writes into, reused by every layer: Q, K and V,
/// the attention context and the feed-forward's inner rows, for up to `tokens` tokens, and one attention
/// scratch per worker. The output products add straight into the hidden states.
final class EncoderWorkspace: Sendable {
    let tokens: Int
    let qkv: FloatBuffer, context: FloatBuffer, intermediate: FloatBuffer
    /// Attention scratch, one per worker.
    let attentionScratch: [FloatBuffer]

    init(tokens: Int, shape: BertShape) {
        self.tokens = tokens
        qkv = FloatBuffer(count: tokens * 3 * shape.hidden)
        context = FloatBuffer(count: tokens * shape.hidden)
        intermediate = FloatBuffer(count: tokens * shape.intermediate)
        let longest = Kernels.attentionScratch(length: shape.maxPositions, headSize: shape.headSize)
        attentionScratch = (0..<Parallel.workers).map { _ in FloatBuffer(count: longest) }
    }
}

/// Workspaces shared by the batches of one scoring run. A batch borrows one large enough and gives it
/// back, so later batches write into memory already mapped: a fresh workspace per batch cost the kernel
/// a page fault and a zeroed page every 4 KiB (about 3 % of fp32 scoring). The run owns the pool, so the
/// memory goes when the run ends.
final class EncoderWorkspaces: Sendable {
    private let shape: BertShape
    private let idle = Mutex<[EncoderWorkspace]>([])

    init(shape: BertShape) {
        self.shape = shape
    }

    /// Runs `body` with a workspace for at least `tokens` tokens: an idle one if one is large enough,
    /// else a new one (rounded up to a power of two, so a run's growing batches make few), which
    /// replaces the smallest idle one.
    func withWorkspace<T>(tokens: Int, _ body: (EncoderWorkspace) throws -> T) rethrows -> T {
        let workspace = idle.withLock { idle -> EncoderWorkspace? in
            guard let index = idle.indices.filter({ idle[$0].tokens >= tokens }).min(by: { idle[$0].tokens < idle[$1].tokens })
            else {
                if let smallest = idle.indices.min(by: { idle[$0].tokens < idle[$1].tokens }) { idle.remove(at: smallest) }
                return nil
            }
            return idle.remove(at: index)
        } ?? EncoderWorkspace(tokens: max(256, tokens.roundedUpToPowerOfTwo), shape: shape)
        defer { idle.withLock { $0.append(workspace) } }
        return try body(workspace)
    }
}

private extension Int {
    var roundedUpToPowerOfTwo: Int {
        self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount)
    }
}
