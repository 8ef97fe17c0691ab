#include "CKernels.h"

#include <immintrin.h>
#include <math.h>

// MARK: scalar and vector exp, erf

// exp(x) for x ≤ 0 (every use here: the softmax's x − max and GELU's −z²) = 2ⁿ·eʳ with n = round(x·log₂e) and
// |r| ≤ ln2/2, eʳ by its degree-7 Taylor polynomial (relative error below 1e-7); 0 below -87.3, where expf underflows.
static inline __m256 exp8(__m256 x) {
    const __m256 low = _mm256_set1_ps(-87.3f);
    __m256 clamped = _mm256_max_ps(x, low);
    __m256 n = _mm256_round_ps(_mm256_mul_ps(clamped, _mm256_set1_ps(1.44269504f)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.69314575f), clamped);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(1.4286068e-6f), r);
    __m256 p = _mm256_set1_ps(1.0f / 5040);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 720));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 120));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 24));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 6));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
    __m256i exponent = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    __m256 result = _mm256_mul_ps(p, _mm256_castsi256_ps(exponent));
    return _mm256_andnot_ps(_mm256_cmp_ps(x, low, _CMP_LT_OQ), result);
}

// GELU of eight values: 0.5·x·(1 + erf(x/√2)), erf(z) = 1 − t·(a₁ + t·(a₂ + …))·e^(−z²), t = 1/(1 + p·z).
static inline __m256 gelu8(__m256 x) {
    const __m256 sign = _mm256_set1_ps(-0.0f);
    __m256 z = _mm256_andnot_ps(sign, _mm256_mul_ps(x, _mm256_set1_ps(0.70710678f)));
    __m256 t = _mm256_div_ps(_mm256_set1_ps(1.0f), _mm256_fmadd_ps(z, _mm256_set1_ps(0.3275911f), _mm256_set1_ps(1.0f)));
    __m256 poly = _mm256_set1_ps(1.061405429f);
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-1.453152027f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(1.421413741f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-0.284496736f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(0.254829592f));
    poly = _mm256_mul_ps(poly, t);
    __m256 erfAbs = _mm256_fnmadd_ps(poly, exp8(_mm256_mul_ps(_mm256_xor_ps(z, sign), z)), _mm256_set1_ps(1.0f));
    __m256 erf = _mm256_or_ps(erfAbs, _mm256_and_ps(x, sign));
    return _mm256_mul_ps(_mm256_mul_ps(_mm256_set1_ps(0.5f), x), _mm256_add_ps(_mm256_set1_ps(1.0f), erf));
}

// The same computations on a tail of fewer than eight values, through a padded vector.
static inline void gelu_tail(float *x, size_t count) {
    float lanes[8] = {0};
    for (size_t i = 0; i < count; i++) lanes[i] = x[i];
    _mm256_storeu_ps(lanes, gelu8(_mm256_loadu_ps(lanes)));
    for (size_t i = 0; i < count; i++) x[i] = lanes[i];
}

// MARK: the same element-wise steps with 512-bit vectors, for CPUs with AVX-512F (compiled for it here,
// chosen at run time)
//
// Each value goes through the same operations as in exp8 and gelu8, each correctly rounded, so the
// results are bit-identical to the AVX2 path's: a ranking does not depend on which CPU computed it.

#define RK_AVX512 __attribute__((target("avx512f")))

static inline RK_AVX512 __m512 bitwise_and(__m512 a, __m512 b) {
    return _mm512_castsi512_ps(_mm512_and_epi32(_mm512_castps_si512(a), _mm512_castps_si512(b)));
}

static inline RK_AVX512 __m512 bitwise_andnot(__m512 a, __m512 b) {
    return _mm512_castsi512_ps(_mm512_andnot_epi32(_mm512_castps_si512(a), _mm512_castps_si512(b)));
}

static inline RK_AVX512 __m512 bitwise_or(__m512 a, __m512 b) {
    return _mm512_castsi512_ps(_mm512_or_epi32(_mm512_castps_si512(a), _mm512_castps_si512(b)));
}

static inline RK_AVX512 __m512 bitwise_xor(__m512 a, __m512 b) {
    return _mm512_castsi512_ps(_mm512_xor_epi32(_mm512_castps_si512(a), _mm512_castps_si512(b)));
}

// exp8's operations, except that p·2ⁿ is one correctly rounded vscalefps instead of a multiplication by 2ⁿ built in
// the exponent bits: the same value wherever n ≥ −126, which x ≥ −87.3 ensures.
static inline RK_AVX512 __m512 exp16(__m512 x) {
    const __m512 low = _mm512_set1_ps(-87.3f);
    __m512 clamped = _mm512_max_ps(x, low);
    __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(clamped, _mm512_set1_ps(1.44269504f)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.69314575f), clamped);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.4286068e-6f), r);
    __m512 p = _mm512_set1_ps(1.0f / 5040);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 720));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    __m512 result = _mm512_scalef_ps(p, n);
    return _mm512_maskz_mov_ps(~_mm512_cmp_ps_mask(x, low, _CMP_LT_OQ), result);
}

static inline RK_AVX512 __m512 gelu16(__m512 x) {
    const __m512 sign = _mm512_set1_ps(-0.0f);
    __m512 z = bitwise_andnot(sign, _mm512_mul_ps(x, _mm512_set1_ps(0.70710678f)));
    __m512 t = _mm512_div_ps(_mm512_set1_ps(1.0f), _mm512_fmadd_ps(z, _mm512_set1_ps(0.3275911f), _mm512_set1_ps(1.0f)));
    __m512 poly = _mm512_set1_ps(1.061405429f);
    poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(-1.453152027f));
    poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(1.421413741f));
    poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(-0.284496736f));
    poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(0.254829592f));
    poly = _mm512_mul_ps(poly, t);
    __m512 erfAbs = _mm512_fnmadd_ps(poly, exp16(_mm512_mul_ps(bitwise_xor(z, sign), z)), _mm512_set1_ps(1.0f));
    __m512 erf = bitwise_or(erfAbs, bitwise_and(x, sign));
    return _mm512_mul_ps(_mm512_mul_ps(_mm512_set1_ps(0.5f), x), _mm512_add_ps(_mm512_set1_ps(1.0f), erf));
}

// Whether the 512-bit paths may run: the caller allows them (tests turn them off to compare) and the CPU has
// AVX-512F.
static int use_wide_vectors(int wide) {
    return wide && __builtin_cpu_supports("avx512f");
}

static inline float horizontal_sum(__m256 v) {
    __m128 sum = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    sum = _mm_add_ps(sum, _mm_movehl_ps(sum, sum));
    sum = _mm_add_ss(sum, _mm_movehdup_ps(sum));
    return _mm_cvtss_f32(sum);
}

static inline float horizontal_max(__m256 v) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    m = _mm_max_ss(m, _mm_movehdup_ps(m));
    return _mm_cvtss_f32(m);
}

static inline float horizontal_min(__m256 v) {
    __m128 m = _mm_min_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_min_ps(m, _mm_movehl_ps(m, m));
    m = _mm_min_ss(m, _mm_movehdup_ps(m));
    return _mm_cvtss_f32(m);
}

// MARK: kernels

// GELU of x[0..<n] for the largest n ≤ count that is a multiple of 16; returns n.
static RK_AVX512 size_t gelu_avx512(float *x, size_t count) {
    size_t i = 0;
    for (; i + 16 <= count; i += 16) _mm512_storeu_ps(x + i, gelu16(_mm512_loadu_ps(x + i)));
    return i;
}

void rk_gelu(float *x, size_t count, int wide) {
    size_t i = use_wide_vectors(wide) ? gelu_avx512(x, count) : 0;
    for (; i + 8 <= count; i += 8) _mm256_storeu_ps(x + i, gelu8(_mm256_loadu_ps(x + i)));
    if (i < count) gelu_tail(x + i, count - i);
}

// row[j] = exp(row[j] − maximum) for j < n, n the largest multiple of 16 ≤ width, added into the eight lanes of
// `sums` eight values at a time, as the AVX2 loop adds them; returns n.
static RK_AVX512 size_t exponentiate_avx512(float *row, size_t width, float maximum, __m256 *sums) {
    const __m512 shift = _mm512_set1_ps(maximum);
    size_t j = 0;
    for (; j + 16 <= width; j += 16) {
        __m512 e = exp16(_mm512_sub_ps(_mm512_loadu_ps(row + j), shift));
        _mm512_storeu_ps(row + j, e);
        *sums = _mm256_add_ps(*sums, _mm512_castps512_ps256(e));
        *sums = _mm256_add_ps(*sums, _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(e), 1)));
    }
    return j;
}

void rk_add_layer_norm(float *x, const float *residual, size_t residual_stride, size_t rows, size_t width,
                       const float *gamma, const float *beta, float epsilon) {
    const float n = (float)width;
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * width;
        __m256 sums = _mm256_setzero_ps();
        float tail = 0;
        size_t j = 0;
        if (residual) {
            const float *added = residual + r * residual_stride;
            for (; j + 8 <= width; j += 8) {
                __m256 v = _mm256_add_ps(_mm256_loadu_ps(row + j), _mm256_loadu_ps(added + j));
                _mm256_storeu_ps(row + j, v);
                sums = _mm256_add_ps(sums, v);
            }
            for (; j < width; j++) { row[j] += added[j]; tail += row[j]; }
        } else {
            for (; j + 8 <= width; j += 8) sums = _mm256_add_ps(sums, _mm256_loadu_ps(row + j));
            for (; j < width; j++) tail += row[j];
        }
        const float mean = (horizontal_sum(sums) + tail) / n;
        const __m256 means = _mm256_set1_ps(mean);
        __m256 squares = _mm256_setzero_ps();
        tail = 0;
        for (j = 0; j + 8 <= width; j += 8) {
            __m256 d = _mm256_sub_ps(_mm256_loadu_ps(row + j), means);
            squares = _mm256_fmadd_ps(d, d, squares);
        }
        for (; j < width; j++) { float d = row[j] - mean; tail += d * d; }
        const float inverse = 1.0f / sqrtf((horizontal_sum(squares) + tail) / n + epsilon);
        const __m256 inverses = _mm256_set1_ps(inverse);
        for (j = 0; j + 8 <= width; j += 8) {
            __m256 normalized = _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(row + j), means), inverses);
            _mm256_storeu_ps(row + j, _mm256_fmadd_ps(normalized, _mm256_loadu_ps(gamma + j), _mm256_loadu_ps(beta + j)));
        }
        for (; j < width; j++) row[j] = (row[j] - mean) * inverse * gamma[j] + beta[j];
    }
}

void rk_round_bf16(const float *x, size_t count, uint16_t *y) {
    size_t i = 0;
    const __m256i half = _mm256_set1_epi32(0x7FFF), one = _mm256_set1_epi32(1);
    for (; i + 16 <= count; i += 16) {
        __m256i a = _mm256_castps_si256(_mm256_loadu_ps(x + i)), b = _mm256_castps_si256(_mm256_loadu_ps(x + i + 8));
        a = _mm256_srli_epi32(_mm256_add_epi32(a, _mm256_add_epi32(half, _mm256_and_si256(_mm256_srli_epi32(a, 16), one))), 16);
        b = _mm256_srli_epi32(_mm256_add_epi32(b, _mm256_add_epi32(half, _mm256_and_si256(_mm256_srli_epi32(b, 16), one))), 16);
        __m256i packed = _mm256_permute4x64_epi64(_mm256_packus_epi32(a, b), 0xD8);
        _mm256_storeu_si256((__m256i *)(y + i), packed);
    }
    for (; i < count; i++) {
        uint32_t bits;
        __builtin_memcpy(&bits, x + i, 4);
        y[i] = (uint16_t)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }
}

void rk_quantize_rows_u8(const float *x, size_t rows, size_t width, uint8_t *q, float *scales, int32_t *zero_points) {
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    for (size_t r = 0; r < rows; r++) {
        const float *row = x + r * width;
        uint8_t *out = q + r * width;
        __m256 lows = _mm256_setzero_ps(), highs = _mm256_setzero_ps();
        size_t j = 0;
        for (; j + 8 <= width; j += 8) {
            __m256 v = _mm256_loadu_ps(row + j);
            lows = _mm256_min_ps(lows, v);
            highs = _mm256_max_ps(highs, v);
        }
        float low = horizontal_min(lows), high = horizontal_max(highs);
        for (; j < width; j++) { low = fminf(low, row[j]); high = fmaxf(high, row[j]); }
        const float scale = high > low ? (high - low) / 255.0f : 1.0f;
        const float zero = nearbyintf(-low / scale);
        const __m256 inverse = _mm256_set1_ps(1.0f / scale), zeros = _mm256_set1_ps(zero);
        for (j = 0; j + 32 <= width; j += 32) {
            __m256i a = _mm256_cvtps_epi32(_mm256_fmadd_ps(_mm256_loadu_ps(row + j), inverse, zeros));
            __m256i b = _mm256_cvtps_epi32(_mm256_fmadd_ps(_mm256_loadu_ps(row + j + 8), inverse, zeros));
            __m256i c = _mm256_cvtps_epi32(_mm256_fmadd_ps(_mm256_loadu_ps(row + j + 16), inverse, zeros));
            __m256i d = _mm256_cvtps_epi32(_mm256_fmadd_ps(_mm256_loadu_ps(row + j + 24), inverse, zeros));
            __m256i bytes = _mm256_packus_epi16(_mm256_packs_epi32(a, b), _mm256_packs_epi32(c, d));
            _mm256_storeu_si256((__m256i *)(out + j), _mm256_permutevar8x32_epi32(bytes, order));
        }
        for (; j < width; j++) {
            float value = nearbyintf(row[j] / scale + zero);
            out[j] = (uint8_t)fminf(fmaxf(value, 0.0f), 255.0f);
        }
        scales[r] = scale;
        zero_points[r] = (int32_t)zero;
    }
}

// One row of rk_dequantize for columns [0, n), n the largest multiple of 16 ≤ width, adding `added` (the bias or
// the row itself); returns n.
static RK_AVX512 size_t dequantize_row_avx512(const int32_t *row, size_t width, float row_scale, int32_t zero_point,
                                             const float *column_scales, const int32_t *column_sums, const float *added,
                                             int gelu, float *out) {
    const __m512 row_scales = _mm512_set1_ps(row_scale);
    const __m512i zero_points = _mm512_set1_epi32(zero_point);
    size_t n = 0;
    for (; n + 16 <= width; n += 16) {
        __m512i exact = _mm512_sub_epi32(_mm512_loadu_si512(row + n),
                                         _mm512_mullo_epi32(zero_points, _mm512_loadu_si512(column_sums + n)));
        __m512 value = _mm512_fmadd_ps(_mm512_cvtepi32_ps(exact), _mm512_mul_ps(row_scales, _mm512_loadu_ps(column_scales + n)),
                                       _mm512_loadu_ps(added + n));
        _mm512_storeu_ps(out + n, gelu ? gelu16(value) : value);
    }
    return n;
}

void rk_dequantize(const int32_t *sums, size_t rows, size_t width, const float *row_scales, const int32_t *zero_points,
                   const float *column_scales, const int32_t *column_sums, const float *bias, int gelu, int wide, float *y) {
    wide = use_wide_vectors(wide);
    for (size_t r = 0; r < rows; r++) {
        const int32_t *row = sums + r * width;
        float *out = y + r * width;
        const __m256 row_scale = _mm256_set1_ps(row_scales[r]);
        const __m256i zero_point = _mm256_set1_epi32(zero_points[r]);
        const float *added = bias ? bias : out;
        size_t n = wide ? dequantize_row_avx512(row, width, row_scales[r], zero_points[r], column_scales, column_sums, added,
                                                gelu, out) : 0;
        for (; n + 8 <= width; n += 8) {
            __m256i exact = _mm256_sub_epi32(_mm256_loadu_si256((const __m256i *)(row + n)),
                                             _mm256_mullo_epi32(zero_point, _mm256_loadu_si256((const __m256i *)(column_sums + n))));
            __m256 value = _mm256_fmadd_ps(_mm256_cvtepi32_ps(exact), _mm256_mul_ps(row_scale, _mm256_loadu_ps(column_scales + n)),
                                           _mm256_loadu_ps(added + n));
            _mm256_storeu_ps(out + n, gelu ? gelu8(value) : value);
        }
        for (; n < width; n++) {
            out[n] = (float)(row[n] - zero_points[r] * column_sums[n]) * (row_scales[r] * column_scales[n]) + added[n];
        }
        if (gelu && (width & 7)) gelu_tail(out + (width & ~(size_t)7), width & 7);
    }
}

// MARK: attention
//
// One head over one sequence, in four steps:
// 1. Kᵀ and V are copied into the scratch. Kᵀ lets a block of query rows take its scores from broadcasts and
//    contiguous loads. V is copied because its rows lie a whole fused-QKV row apart (4.6 KB for MiniLM), which
//    puts them on a handful of the L1 cache's sets, where they keep evicting each other.
// 2. Scores of a block of query rows against every key; scores past the length are −∞.
// 3. Each score row becomes exp(s − max), over whole vectors (−∞ gives 0), and its sum's inverse is kept: the
//    row is not normalised in place.
// 4. Context rows Σₜ eₜ·vₜ, scaled by that inverse once, at the end.
//
// Each score and context value is summed in the same order with the same fused multiply-adds on both paths,
// and the softmax's sums in the AVX2 order, so the 512-bit path's results are bit-identical to the AVX2 path's.

// Keys rounded up to a multiple of 32, the wider path's block.
static size_t padded_length(size_t length) {
    return (length + 31) & ~(size_t)31;
}

size_t rk_attention_scratch(size_t length, size_t head_size) {
    // Kᵀ (head_size × padded), V (length × head_size), eight rows of scores and their eight inverse sums.
    return (2 * head_size + 8) * padded_length(length) + 8;
}

// An 8 × 8 block of floats transposed: dst[c][j] = src[j][c].
static inline void transpose_8x8(const float *src, size_t src_stride, float *dst, size_t dst_stride) {
    __m256 r0 = _mm256_loadu_ps(src), r1 = _mm256_loadu_ps(src + src_stride);
    __m256 r2 = _mm256_loadu_ps(src + 2 * src_stride), r3 = _mm256_loadu_ps(src + 3 * src_stride);
    __m256 r4 = _mm256_loadu_ps(src + 4 * src_stride), r5 = _mm256_loadu_ps(src + 5 * src_stride);
    __m256 r6 = _mm256_loadu_ps(src + 6 * src_stride), r7 = _mm256_loadu_ps(src + 7 * src_stride);
    __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
    __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
    __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
    __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
    __m256 u0 = _mm256_shuffle_ps(t0, t2, 0x44), u1 = _mm256_shuffle_ps(t0, t2, 0xEE);
    __m256 u2 = _mm256_shuffle_ps(t1, t3, 0x44), u3 = _mm256_shuffle_ps(t1, t3, 0xEE);
    __m256 u4 = _mm256_shuffle_ps(t4, t6, 0x44), u5 = _mm256_shuffle_ps(t4, t6, 0xEE);
    __m256 u6 = _mm256_shuffle_ps(t5, t7, 0x44), u7 = _mm256_shuffle_ps(t5, t7, 0xEE);
    _mm256_storeu_ps(dst, _mm256_permute2f128_ps(u0, u4, 0x20));
    _mm256_storeu_ps(dst + dst_stride, _mm256_permute2f128_ps(u1, u5, 0x20));
    _mm256_storeu_ps(dst + 2 * dst_stride, _mm256_permute2f128_ps(u2, u6, 0x20));
    _mm256_storeu_ps(dst + 3 * dst_stride, _mm256_permute2f128_ps(u3, u7, 0x20));
    _mm256_storeu_ps(dst + 4 * dst_stride, _mm256_permute2f128_ps(u0, u4, 0x31));
    _mm256_storeu_ps(dst + 5 * dst_stride, _mm256_permute2f128_ps(u1, u5, 0x31));
    _mm256_storeu_ps(dst + 6 * dst_stride, _mm256_permute2f128_ps(u2, u6, 0x31));
    _mm256_storeu_ps(dst + 7 * dst_stride, _mm256_permute2f128_ps(u3, u7, 0x31));
}

// Kᵀ into `keys` (head_size rows of `padded` keys, zero past `length`) and V into `values` (length rows of
// head_size).
static void pack_keys_and_values(const float *k, const float *v, size_t stride, size_t length, size_t head_size,
                                 size_t padded, float *keys, float *values) {
    const size_t whole_keys = length & ~(size_t)7, whole_values = head_size & ~(size_t)7;
    for (size_t j = 0; j < whole_keys; j += 8) {
        for (size_t c = 0; c < whole_values; c += 8) transpose_8x8(k + j * stride + c, stride, keys + c * padded + j, padded);
    }
    for (size_t c = 0; c < head_size; c++) {
        float *row = keys + c * padded;
        for (size_t j = c < whole_values ? whole_keys : 0; j < length; j++) row[j] = k[j * stride + c];
        for (size_t j = length; j < padded; j++) row[j] = 0;
    }
    for (size_t t = 0; t < length; t++) {
        const float *source = v + t * stride;
        float *row = values + t * head_size;
        size_t c = 0;
        for (; c < whole_values; c += 8) _mm256_storeu_ps(row + c, _mm256_loadu_ps(source + c));
        for (; c < head_size; c++) row[c] = source[c];
    }
}

// Scores past the length become −∞, so the softmax's exponentials give them exactly 0.
static inline void mask_padding(float *scores, size_t rows, size_t padded, size_t length) {
    for (size_t r = 0; r < rows; r++) {
        for (size_t j = length; j < padded; j++) scores[r * padded + j] = -INFINITY;
    }
}

// row[j] = exp(row[j] − max) over `width` (a multiple of 16), summed in eight lanes eight values at a time;
// returns 1 / the sum.
static inline float exponentiate_row(float *row, size_t width, int wide) {
    __m256 maxima = _mm256_set1_ps(-INFINITY);
    for (size_t j = 0; j < width; j += 8) maxima = _mm256_max_ps(maxima, _mm256_loadu_ps(row + j));
    const float maximum = horizontal_max(maxima);
    const __m256 shift = _mm256_set1_ps(maximum);
    __m256 sums = _mm256_setzero_ps();
    for (size_t j = wide ? exponentiate_avx512(row, width, maximum, &sums) : 0; j < width; j += 8) {
        __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(row + j), shift));
        _mm256_storeu_ps(row + j, e);
        sums = _mm256_add_ps(sums, e);
    }
    return 1.0f / horizontal_sum(sums);
}

// MARK: attention with AVX2

// Scores of four query rows against keys [j, j+16): 4 × 2 independent accumulators over the head's values.
static inline void scores_4x16(const float *q, size_t stride, const float *keys, size_t padded, size_t j, size_t head_size,
                               __m256 scale, float *scores) {
    __m256 a00 = _mm256_setzero_ps(), a01 = _mm256_setzero_ps(), a10 = _mm256_setzero_ps(), a11 = _mm256_setzero_ps();
    __m256 a20 = _mm256_setzero_ps(), a21 = _mm256_setzero_ps(), a30 = _mm256_setzero_ps(), a31 = _mm256_setzero_ps();
    for (size_t c = 0; c < head_size; c++) {
        const __m256 k0 = _mm256_loadu_ps(keys + c * padded + j), k1 = _mm256_loadu_ps(keys + c * padded + j + 8);
        __m256 qc = _mm256_broadcast_ss(q + c);
        a00 = _mm256_fmadd_ps(qc, k0, a00); a01 = _mm256_fmadd_ps(qc, k1, a01);
        qc = _mm256_broadcast_ss(q + stride + c);
        a10 = _mm256_fmadd_ps(qc, k0, a10); a11 = _mm256_fmadd_ps(qc, k1, a11);
        qc = _mm256_broadcast_ss(q + 2 * stride + c);
        a20 = _mm256_fmadd_ps(qc, k0, a20); a21 = _mm256_fmadd_ps(qc, k1, a21);
        qc = _mm256_broadcast_ss(q + 3 * stride + c);
        a30 = _mm256_fmadd_ps(qc, k0, a30); a31 = _mm256_fmadd_ps(qc, k1, a31);
    }
    _mm256_storeu_ps(scores + j, _mm256_mul_ps(a00, scale)); _mm256_storeu_ps(scores + j + 8, _mm256_mul_ps(a01, scale));
    scores += padded;
    _mm256_storeu_ps(scores + j, _mm256_mul_ps(a10, scale)); _mm256_storeu_ps(scores + j + 8, _mm256_mul_ps(a11, scale));
    scores += padded;
    _mm256_storeu_ps(scores + j, _mm256_mul_ps(a20, scale)); _mm256_storeu_ps(scores + j + 8, _mm256_mul_ps(a21, scale));
    scores += padded;
    _mm256_storeu_ps(scores + j, _mm256_mul_ps(a30, scale)); _mm256_storeu_ps(scores + j + 8, _mm256_mul_ps(a31, scale));
}

// Scores of one query row against keys [j, j+16).
static inline void scores_1x16(const float *q, const float *keys, size_t padded, size_t j, size_t head_size, __m256 scale,
                               float *scores) {
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
    for (size_t c = 0; c < head_size; c++) {
        const __m256 qc = _mm256_broadcast_ss(q + c);
        a0 = _mm256_fmadd_ps(qc, _mm256_loadu_ps(keys + c * padded + j), a0);
        a1 = _mm256_fmadd_ps(qc, _mm256_loadu_ps(keys + c * padded + j + 8), a1);
    }
    _mm256_storeu_ps(scores + j, _mm256_mul_ps(a0, scale));
    _mm256_storeu_ps(scores + j + 8, _mm256_mul_ps(a1, scale));
}

// Context of `rows` (1 or 2) query rows from their exponentials e and inverse sums: out[r] = (Σₜ e[r][t]·vₜ)·inverse[r],
// 32 values of the head at a time in independent accumulators, then 8 at a time, then one.
static inline void context_rows(const float *exponentials, size_t padded, const float *inverses, size_t rows,
                                const float *values, size_t length, size_t head_size, float *out, size_t out_stride) {
    const float *e0 = exponentials, *e1 = exponentials + (rows > 1 ? padded : 0);
    const __m256 i0 = _mm256_set1_ps(inverses[0]), i1 = _mm256_set1_ps(inverses[rows > 1 ? 1 : 0]);
    float *second = out + out_stride;
    size_t c = 0;
    for (; c + 32 <= head_size; c += 32) {
        __m256 s00 = _mm256_setzero_ps(), s01 = _mm256_setzero_ps(), s02 = _mm256_setzero_ps(), s03 = _mm256_setzero_ps();
        __m256 s10 = _mm256_setzero_ps(), s11 = _mm256_setzero_ps(), s12 = _mm256_setzero_ps(), s13 = _mm256_setzero_ps();
        for (size_t t = 0; t < length; t++) {
            const float *value = values + t * head_size + c;
            const __m256 v0 = _mm256_loadu_ps(value), v1 = _mm256_loadu_ps(value + 8);
            const __m256 v2 = _mm256_loadu_ps(value + 16), v3 = _mm256_loadu_ps(value + 24);
            __m256 e = _mm256_broadcast_ss(e0 + t);
            s00 = _mm256_fmadd_ps(e, v0, s00); s01 = _mm256_fmadd_ps(e, v1, s01);
            s02 = _mm256_fmadd_ps(e, v2, s02); s03 = _mm256_fmadd_ps(e, v3, s03);
            e = _mm256_broadcast_ss(e1 + t);
            s10 = _mm256_fmadd_ps(e, v0, s10); s11 = _mm256_fmadd_ps(e, v1, s11);
            s12 = _mm256_fmadd_ps(e, v2, s12); s13 = _mm256_fmadd_ps(e, v3, s13);
        }
        _mm256_storeu_ps(out + c, _mm256_mul_ps(s00, i0)); _mm256_storeu_ps(out + c + 8, _mm256_mul_ps(s01, i0));
        _mm256_storeu_ps(out + c + 16, _mm256_mul_ps(s02, i0)); _mm256_storeu_ps(out + c + 24, _mm256_mul_ps(s03, i0));
        if (rows > 1) {
            _mm256_storeu_ps(second + c, _mm256_mul_ps(s10, i1)); _mm256_storeu_ps(second + c + 8, _mm256_mul_ps(s11, i1));
            _mm256_storeu_ps(second + c + 16, _mm256_mul_ps(s12, i1)); _mm256_storeu_ps(second + c + 24, _mm256_mul_ps(s13, i1));
        }
    }
    for (; c + 8 <= head_size; c += 8) {
        __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
        for (size_t t = 0; t < length; t++) {
            const __m256 value = _mm256_loadu_ps(values + t * head_size + c);
            s0 = _mm256_fmadd_ps(_mm256_broadcast_ss(e0 + t), value, s0);
            s1 = _mm256_fmadd_ps(_mm256_broadcast_ss(e1 + t), value, s1);
        }
        _mm256_storeu_ps(out + c, _mm256_mul_ps(s0, i0));
        if (rows > 1) _mm256_storeu_ps(second + c, _mm256_mul_ps(s1, i1));
    }
    for (; c < head_size; c++) {
        for (size_t r = 0; r < rows; r++) {
            const float *e = exponentials + r * padded;
            float sum = 0;
            for (size_t t = 0; t < length; t++) sum = fmaf(e[t], values[t * head_size + c], sum);
            out[r * out_stride + c] = sum * inverses[r];
        }
    }
}

// Steps 2 to 4 with AVX2, from the packed keys and values.
static void attention_head_avx2(const float *q, size_t stride, const float *keys, const float *values, size_t padded,
                                size_t length, size_t queries, size_t head_size, float scale, float *scores, float *inverses,
                                float *out, size_t out_stride) {
    const __m256 scales = _mm256_set1_ps(scale);
    for (size_t i = 0; i < queries; ) {
        const size_t rows = queries - i >= 4 ? 4 : 1;
        for (size_t j = 0; j < padded; j += 16) {
            if (rows == 4) scores_4x16(q + i * stride, stride, keys, padded, j, head_size, scales, scores);
            else scores_1x16(q + i * stride, keys, padded, j, head_size, scales, scores);
        }
        mask_padding(scores, rows, padded, length);
        for (size_t r = 0; r < rows; r++) inverses[r] = exponentiate_row(scores + r * padded, padded, 0);
        for (size_t r = 0; r < rows; r += 2) {
            context_rows(scores + r * padded, padded, inverses + r, rows - r >= 2 ? 2 : 1, values, length, head_size,
                         out + (i + r) * out_stride, out_stride);
        }
        i += rows;
    }
}

// MARK: attention with 512-bit vectors

// Scores of `rows` (8, 4 or 1, a constant where it is inlined) query rows against keys [j, j+32): two accumulators
// a row over the head's values.
static inline __attribute__((always_inline)) RK_AVX512 void scores_block(size_t rows, const float *q, size_t stride, const float *keys, size_t padded,
                                          size_t j, size_t head_size, __m512 scale, float *scores) {
    __m512 low[8], high[8];
    for (size_t r = 0; r < rows; r++) { low[r] = _mm512_setzero_ps(); high[r] = _mm512_setzero_ps(); }
    for (size_t c = 0; c < head_size; c++) {
        const __m512 k0 = _mm512_loadu_ps(keys + c * padded + j), k1 = _mm512_loadu_ps(keys + c * padded + j + 16);
        for (size_t r = 0; r < rows; r++) {
            const __m512 qc = _mm512_set1_ps(q[r * stride + c]);
            low[r] = _mm512_fmadd_ps(qc, k0, low[r]);
            high[r] = _mm512_fmadd_ps(qc, k1, high[r]);
        }
    }
    for (size_t r = 0; r < rows; r++) {
        _mm512_storeu_ps(scores + r * padded + j, _mm512_mul_ps(low[r], scale));
        _mm512_storeu_ps(scores + r * padded + j + 16, _mm512_mul_ps(high[r], scale));
    }
}

// Context of `rows` (8, 4 or 1, a constant where it is inlined) query rows, values [c, c + 16·width) of the head
// (width 2 or 1): out[r] = (Σₜ e[r][t]·vₜ)·inverse[r].
static inline __attribute__((always_inline)) RK_AVX512 void context_block(size_t rows, size_t width, const float *exponentials, size_t padded,
                                           const float *inverses, const float *values, size_t length, size_t head_size,
                                           size_t c, float *out, size_t out_stride) {
    __m512 sums[8][2];
    for (size_t r = 0; r < rows; r++) { sums[r][0] = _mm512_setzero_ps(); sums[r][1] = _mm512_setzero_ps(); }
    for (size_t t = 0; t < length; t++) {
        const float *value = values + t * head_size + c;
        const __m512 v0 = _mm512_loadu_ps(value), v1 = width > 1 ? _mm512_loadu_ps(value + 16) : v0;
        for (size_t r = 0; r < rows; r++) {
            const __m512 e = _mm512_set1_ps(exponentials[r * padded + t]);
            sums[r][0] = _mm512_fmadd_ps(e, v0, sums[r][0]);
            if (width > 1) sums[r][1] = _mm512_fmadd_ps(e, v1, sums[r][1]);
        }
    }
    for (size_t r = 0; r < rows; r++) {
        const __m512 inverse = _mm512_set1_ps(inverses[r]);
        _mm512_storeu_ps(out + r * out_stride + c, _mm512_mul_ps(sums[r][0], inverse));
        if (width > 1) _mm512_storeu_ps(out + r * out_stride + c + 16, _mm512_mul_ps(sums[r][1], inverse));
    }
}

// Attention of query rows [i, i + rows), `rows` a constant where it is inlined.
static inline __attribute__((always_inline)) RK_AVX512 void attention_rows_avx512(size_t rows, const float *q, size_t stride, const float *keys,
                                                   const float *values, size_t padded, size_t length, size_t head_size,
                                                   __m512 scale, float *scores, float *inverses, float *out,
                                                   size_t out_stride) {
    for (size_t j = 0; j < padded; j += 32) scores_block(rows, q, stride, keys, padded, j, head_size, scale, scores);
    mask_padding(scores, rows, padded, length);
    for (size_t r = 0; r < rows; r++) inverses[r] = exponentiate_row(scores + r * padded, padded, 1);
    size_t c = 0;
    for (; c + 32 <= head_size; c += 32) context_block(rows, 2, scores, padded, inverses, values, length, head_size, c, out, out_stride);
    if (c < head_size) context_block(rows, 1, scores, padded, inverses, values, length, head_size, c, out, out_stride);
}

// Steps 2 to 4 with 512-bit vectors, from the packed keys and values.
static RK_AVX512 void attention_head_avx512(const float *q, size_t stride, const float *keys, const float *values,
                                            size_t padded, size_t length, size_t queries, size_t head_size, float scale,
                                            float *scores, float *inverses, float *out, size_t out_stride) {
    const __m512 scales = _mm512_set1_ps(scale);
    size_t i = 0;
    for (; i + 8 <= queries; i += 8) {
        attention_rows_avx512(8, q + i * stride, stride, keys, values, padded, length, head_size, scales, scores, inverses,
                              out + i * out_stride, out_stride);
    }
    if (i + 4 <= queries) {
        attention_rows_avx512(4, q + i * stride, stride, keys, values, padded, length, head_size, scales, scores, inverses,
                              out + i * out_stride, out_stride);
        i += 4;
    }
    for (; i < queries; i++) {
        attention_rows_avx512(1, q + i * stride, stride, keys, values, padded, length, head_size, scales, scores, inverses,
                              out + i * out_stride, out_stride);
    }
}

void rk_attention_head(const float *q, const float *k, const float *v, size_t stride, size_t length, size_t queries,
                       size_t head_size, float scale, float *out, size_t out_stride, float *scratch, int wide) {
    if (queries > length) queries = length;
    const size_t padded = padded_length(length);
    float *keys = scratch, *values = keys + head_size * padded, *scores = values + head_size * padded;
    float *inverses = scores + 8 * padded;
    pack_keys_and_values(k, v, stride, length, head_size, padded, keys, values);
    if (use_wide_vectors(wide) && head_size % 16 == 0) {
        attention_head_avx512(q, stride, keys, values, padded, length, queries, head_size, scale, scores, inverses, out,
                              out_stride);
    } else {
        attention_head_avx2(q, stride, keys, values, padded, length, queries, head_size, scale, scores, inverses, out,
                            out_stride);
    }
}
