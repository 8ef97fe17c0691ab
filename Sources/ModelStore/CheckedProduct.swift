extension Sequence where Element == Int {
    /// The product of the numbers, or nil when it overflows `Int` (sizes read from files may be hostile).
    var checkedProduct: Int? {
        reduce(1 as Int?) { product, factor in
            product.flatMap { product in
                let (result, overflow) = product.multipliedReportingOverflow(by: factor)
                return overflow ? nil : result
            }
        }
    }
}
