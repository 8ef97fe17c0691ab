// The encoder's element-wise and row-wise kernels, vectorised by hand with AVX2 and FMA (every CPU
// this project runs on has them). The matrix products are OpenBLAS's and oneDNN's; these are the
// steps between them. Those taking `wide` run on 512-bit vectors when it is non-zero and the CPU has
// AVX-512F, with results bit-identical to their AVX2 path's (tests compare the two).
#ifndef RERANK_CKERNELS_H
#define RERANK_CKERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Exact GELU, x·Φ(x) = 0.5·x·(1 + erf(x/√2)), in place; erf within 1.5e-7 (Abramowitz & Stegun 7.1.26).
void rk_gelu(float *x, size_t count, int wide);

/// x = LayerNorm(x + residual) row by row, biased variance, in fp32 as PyTorch does. The residual's rows are
/// `residual_stride` floats apart: 0 adds one row (a bias) to every row. `residual` may be NULL.
void rk_add_layer_norm(float *x, const float *residual, size_t residual_stride, size_t rows, size_t width,
                       const float *gamma, const float *beta, float epsilon);

/// Rounds floats to bfloat16 (their top 16 bits), to nearest with ties to even.
void rk_round_bf16(const float *x, size_t count, uint16_t *y);

/// Quantizes each row to uint8 over its own range (which always holds 0): x ≈ scale·(q − zero_point).
void rk_quantize_rows_u8(const float *x, size_t rows, size_t width, uint8_t *q, float *scales, int32_t *zero_points);

/// y[r,n] = row_scales[r]·column_scales[n]·(sums[r,n] − zero_points[r]·column_sums[n]) + bias[n], then GELU
/// when `gelu` is non-zero: int32 products of quantized rows and weights back to floats. A NULL `bias` adds
/// y[r,n]'s own value instead: the product accumulates into y.
void rk_dequantize(const int32_t *sums, size_t rows, size_t width, const float *row_scales, const int32_t *zero_points,
                   const float *column_scales, const int32_t *column_sums, const float *bias, int gelu, int wide, float *y);

/// Floats of scratch rk_attention_head needs for `length` tokens and `head_size` values a head.
size_t rk_attention_scratch(size_t length, size_t head_size);

/// Scaled dot-product attention of one head over one sequence of `length` tokens: for each query row i below
/// `queries` (at most `length`), out[i] = softmax(scale · q[i]·Kᵀ)·V, the softmax stable (each row's maximum
/// subtracted first). q, k and v are rows `stride` floats apart (the fused QKV matrix), out's rows `out_stride`
/// apart; `head_size` values per row.
/// `scratch` holds rk_attention_scratch(length, head_size) floats. With 512-bit vectors when `wide` is non-zero,
/// the CPU has AVX-512F and `head_size` is a multiple of 16; else with AVX2; both paths give bit-identical results.
void rk_attention_head(const float *q, const float *k, const float *v, size_t stride, size_t length, size_t queries,
                       size_t head_size, float scale, float *out, size_t out_stride, float *scratch, int wide);

#endif
