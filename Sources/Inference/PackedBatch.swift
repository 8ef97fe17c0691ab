/// Token sequences laid end to end with no padding: every dense layer runs as one GEMM over
/// all their tokens, and attention runs within each sequence.
struct PackedBatch: Sendable {
    /// Token ids of all sequences, concatenated.
    private(set) var tokenIds: [Int32] = []
    /// Token type ids, parallel to `tokenIds`.
    private(set) var typeIds: [Int32] = []
    /// Where each sequence starts in `tokenIds`; one more entry than sequences, ending at the total.
    private(set) var starts: [Int] = [0]

    var sequenceCount: Int { starts.count - 1 }
    var tokenCount: Int { tokenIds.count }

    func range(of sequence: Int) -> Range<Int> { starts[sequence]..<starts[sequence + 1] }

    mutating func append(ids: [Int32], types: [Int32]?) {
        tokenIds += ids
        if let types { typeIds += types } else { typeIds += repeatElement(0, count: ids.count) }
        starts.append(tokenIds.count)
    }
}
