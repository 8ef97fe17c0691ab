/// Bulk conversion of little-endian tensor bytes to Float32. Inputs need not be aligned; the loops are branch-free
/// so the compiler can vectorise them.
enum FloatConversion {
    /// `count` values of `dtype` widened (or, for F64, rounded) to Float32; nil when `dtype` is not F32, F16, BF16
    /// or F64.
    static func floats(_ source: UnsafeRawBufferPointer, dtype: TensorDType, count: Int) -> [Float]? {
        switch dtype {
        case .f32: return float32(source, count: count)
        case .f16: return float16(source, count: count)
        case .bf16: return bfloat16(source, count: count)
        case .f64: return float64(source, count: count)
        default: return nil
        }
    }

    /// Copies `count` F32 values.
    static func float32(_ source: UnsafeRawBufferPointer, count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0, let from = source.baseAddress, let to = buffer.baseAddress {
                UnsafeMutableRawPointer(to).copyMemory(from: from, byteCount: count * 4)
            }
            initialized = count
        }
    }

    /// Rounds `count` F64 values to the nearest Float32, as PyTorch's `.float()` does.
    static func float64(_ source: UnsafeRawBufferPointer, count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                let bits = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
                buffer[index] = Float(Double(bitPattern: bits))
            }
            initialized = count
        }
    }

    /// Widens `count` bfloat16 values: their bits are the top half of a Float32.
    static func bfloat16(_ source: UnsafeRawBufferPointer, count: Int) -> [Float] {
        convert(source, count: count) { bits in Float(bitPattern: UInt32(bits) << 16) }
    }

    /// Widens `count` IEEE half-precision values, including subnormals, infinities and NaNs.
    static func float16(_ source: UnsafeRawBufferPointer, count: Int) -> [Float] {
        convert(source, count: count, halfToFloat)
    }

    @inline(__always)
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let magnitude = UInt32(bits & 0x7fff)
        let exponent = magnitude & 0x7c00
        // Normal numbers: re-bias the exponent from 15 to 127.
        let normal = (magnitude << 13) &+ ((127 - 15) << 23)
        // Infinity and NaN: all exponent bits set, mantissa kept.
        let special = (magnitude << 13) | 0x7f80_0000
        // Zero and subnormals: mantissa × 2⁻²⁴, exact in Float32 (converted as Int32, which vectorises).
        let subnormal = (Float(Int32(bitPattern: magnitude)) * 0x1p-24).bitPattern
        let unsigned = exponent == 0x7c00 ? special : (exponent == 0 ? subnormal : normal)
        return Float(bitPattern: unsigned | sign)
    }

    @inline(__always)
    private static func convert(_ source: UnsafeRawBufferPointer, count: Int, _ widen: (UInt16) -> Float) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                let bits = UInt16(littleEndian: source.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))
                buffer[index] = widen(bits)
            }
            initialized = count
        }
    }
}
