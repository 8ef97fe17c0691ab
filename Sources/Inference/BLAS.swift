import CBLAS

/// The engine's only door to OpenBLAS: the one single-precision GEMM the dense layers run, and the thread count.
enum BLAS {
    /// C[m×n] += A[m×k] · Bᵀ, all row-major and dense, with B stored as [n×k] (a PyTorch linear weight).
    @inline(__always)
    static func accumulateProduct(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, transposedB b: UnsafePointer<Float>,
                                  into c: UnsafeMutablePointer<Float>) {
        guard m > 0, n > 0, k > 0 else { return }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, blasint(m), blasint(n), blasint(k), 1,
                    a, blasint(k), b, blasint(k), 1, c, blasint(n))
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
