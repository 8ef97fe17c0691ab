/// Text as scalar values, each remembering the index of the original scalar it came from.
struct AlignedScalars {
    var values: [UInt32] = []
    /// `origins[i]` is the index, in the original text, of the scalar `values[i]` was made from.
    /// Origins never decrease: every normalizer step keeps the order of the text.
    var origins: [Int] = []

    var count: Int { values.count }

    mutating func append(_ value: UInt32, origin: Int) {
        values.append(value)
        origins.append(origin)
    }

    mutating func reserveCapacity(_ capacity: Int) {
        values.reserveCapacity(capacity)
        origins.reserveCapacity(capacity)
    }

    mutating func removeAll() {
        values.removeAll(keepingCapacity: true)
        origins.removeAll(keepingCapacity: true)
    }

    /// The original-text range covered by the non-empty `values[range]`
    /// (from its first scalar's origin to just after its last's).
    func originalRange(of range: Range<Int>) -> Range<Int> {
        origins[range.lowerBound]..<origins[range.upperBound - 1] + 1
    }
}
