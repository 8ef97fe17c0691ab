import Foundation

/// A tensor of a PyTorch checkpoint: a view of a storage's bytes in the mapped file, with an offset and strides in
/// elements, checked when made so that every element it names lies inside its storage.
struct StridedTensor {
    let dtype: TensorDType
    let shape: [Int]
    let strides: [Int]
    let offset: Int
    let elementCount: Int
    /// The bytes of the storage (or legacy storage view) the elements are taken from.
    let storage: Range<Int>

    /// Places `tensor` on the storage bytes `storage`; throws when its view reaches outside them.
    init(_ tensor: PickledTensor, storage: Range<Int>, name: String, url: URL) throws {
        let elementSize = tensor.storage.dtype.byteSize
        let storageElements = storage.count / elementSize
        let layout = "shape \(tensor.shape), strides \(tensor.strides), offset \(tensor.offset)"
        guard tensor.shape.count == tensor.strides.count, tensor.offset >= 0, tensor.offset <= storageElements,
              tensor.shape.allSatisfy({ $0 >= 0 }), tensor.strides.allSatisfy({ $0 >= 0 }) else {
            throw ModelStoreError.corruptWeights(url, "tensor '\(name)' has an impossible layout (\(layout)); "
                + "the file is damaged — fetch it again")
        }
        guard let count = (tensor.shape + [elementSize]).checkedProduct.map({ $0 / elementSize }),
              let last = Self.lastElement(shape: tensor.shape, strides: tensor.strides, offset: tensor.offset),
              last < storageElements else {
            throw ModelStoreError.corruptWeights(url, "tensor '\(name)' (\(layout)) reaches past the end of its storage "
                + "'\(tensor.storage.key)' of \(storageElements) elements; the file is damaged — fetch it again")
        }
        dtype = tensor.storage.dtype
        shape = tensor.shape
        strides = tensor.strides
        offset = tensor.offset
        elementCount = count
        self.storage = storage
    }

    /// The index of the last element the view reaches (-1 when it has none), or nil when that overflows.
    private static func lastElement(shape: [Int], strides: [Int], offset: Int) -> Int? {
        guard !shape.contains(0) else { return -1 }
        var last = offset
        for (size, stride) in zip(shape, strides) {
            let (reach, overflow) = (size - 1).multipliedReportingOverflow(by: stride)
            let (sum, sumOverflow) = last.addingReportingOverflow(reach)
            guard !overflow, !sumOverflow else { return nil }
            last = sum
        }
        return last
    }

    /// The elements in row-major order as Float32; nil when the element type is not a floating-point one.
    func floats(in file: MappedFile) -> [Float]? {
        let count = elementCount
        let size = dtype.byteSize
        if isContiguous {
            let start = storage.lowerBound + offset * size
            return FloatConversion.floats(file.bytes(start..<(start + count * size)), dtype: dtype, count: count)
        }
        let source = file.bytes(storage)
        var gathered = [UInt8](repeating: 0, count: count * size)
        gathered.withUnsafeMutableBytes { target in
            guard let from = source.baseAddress, let to = target.baseAddress else { return }
            var index = [Int](repeating: 0, count: shape.count)
            for element in 0..<count {
                let position = offset + zip(index, strides).reduce(0) { $0 + $1.0 * $1.1 }
                (to + element * size).copyMemory(from: from + position * size, byteCount: size)
                Self.advance(&index, shape: shape)
            }
        }
        return gathered.withUnsafeBytes { FloatConversion.floats($0, dtype: dtype, count: count) }
    }

    /// True when the elements are laid out row-major without gaps (dimensions of size 1 may have any stride).
    private var isContiguous: Bool {
        guard elementCount > 0 else { return true }
        var expected = 1
        for (size, stride) in zip(shape, strides).reversed() where size != 1 {
            guard stride == expected else { return false }
            expected *= size
        }
        return true
    }

    /// Moves a row-major multi-index to the next element.
    private static func advance(_ index: inout [Int], shape: [Int]) {
        for dimension in shape.indices.reversed() {
            index[dimension] += 1
            if index[dimension] < shape[dimension] { return }
            index[dimension] = 0
        }
    }
}
