import CBLAS

/// The engine's only door to OpenBLAS: row-major single-precision GEMM and the thread count.
enum BLAS {
    /// C[m×n] = alpha · A[m×k] · op(B) + beta · C, all row-major; `transposeB` uses B as [n×k].
    @inline(__always)
    static func gemm(m: Int, n: Int, k: Int,
                     a: UnsafePointer<Float>, lda: Int,
                     b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
                     c: UnsafeMutablePointer<Float>, ldc: Int,
                     alpha: Float = 1, beta: Float = 0) {
        guard m > 0, n > 0, k > 0 else { return }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    blasint(m), blasint(n), blasint(k), alpha,
                    a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    /// The CPU kernels OpenBLAS chose at run time ("Cooperlake", "Haswell", "Zen").
    static var coreName: String {
        openblas_get_corename().map { String(cString: $0) } ?? "?"
    }

    /// Sets how many threads OpenBLAS uses for one GEMM.
    static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }
}
