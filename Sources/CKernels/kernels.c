#include "CKernels.h"

#include <immintrin.h>
#include <math.h>

// MARK: scalar and vector exp, erf

// exp(x) = 2ⁿ·eʳ with n = round(x·log₂e) and |r| ≤ ln2/2, eʳ by its degree-7 Taylor polynomial (relative
// error below 1e-7); 0 below -87.3, where expf underflows.
static inline __m256 exp8(__m256 x) {
    const __m256 low = _mm256_set1_ps(-87.3f);
    __m256 clamped = _mm256_min_ps(_mm256_max_ps(x, low), _mm256_set1_ps(88.7f));
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

static inline RK_AVX512 __m512 exp16(__m512 x) {
    const __m512 low = _mm512_set1_ps(-87.3f);
    __m512 clamped = _mm512_min_ps(_mm512_max_ps(x, low), _mm512_set1_ps(88.7f));
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
    __m512i exponent = _mm512_slli_epi32(_mm512_add_epi32(_mm512_cvtps_epi32(n), _mm512_set1_epi32(127)), 23);
    __m512 result = _mm512_mul_ps(p, _mm512_castsi512_ps(exponent));
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

// rk_softmax_rows once the path is chosen: `wide` non-zero only where the CPU has AVX-512F (attention's 512-bit
// path calls it per row, having checked).
static void softmax_rows(float *x, size_t rows, size_t width, int wide) {
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * width;
        __m256 maxima = _mm256_set1_ps(-INFINITY);
        size_t j = 0;
        for (; j + 8 <= width; j += 8) maxima = _mm256_max_ps(maxima, _mm256_loadu_ps(row + j));
        float maximum = horizontal_max(maxima);
        for (; j < width; j++) maximum = fmaxf(maximum, row[j]);
        const __m256 shift = _mm256_set1_ps(maximum);
        __m256 sums = _mm256_setzero_ps();
        for (j = wide ? exponentiate_avx512(row, width, maximum, &sums) : 0; j + 8 <= width; j += 8) {
            __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(row + j), shift));
            _mm256_storeu_ps(row + j, e);
            sums = _mm256_add_ps(sums, e);
        }
        float sum = horizontal_sum(sums);
        if (j < width) {
            float lanes[8];
            for (size_t k = 0; k < 8; k++) lanes[k] = j + k < width ? row[j + k] - maximum : -INFINITY;
            _mm256_storeu_ps(lanes, exp8(_mm256_loadu_ps(lanes)));
            for (size_t k = 0; j + k < width; k++) { row[j + k] = lanes[k]; sum += lanes[k]; }
        }
        const __m256 inverse = _mm256_set1_ps(1.0f / sum);
        for (j = 0; j + 8 <= width; j += 8) _mm256_storeu_ps(row + j, _mm256_mul_ps(_mm256_loadu_ps(row + j), inverse));
        for (; j < width; j++) row[j] *= 1.0f / sum;
    }
}

void rk_softmax_rows(float *x, size_t rows, size_t width, int wide) {
    softmax_rows(x, rows, width, use_wide_vectors(wide));
}

void rk_add_layer_norm(float *x, const float *residual, size_t rows, size_t width,
                       const float *gamma, const float *beta, float epsilon) {
    const float n = (float)width;
    for (size_t r = 0; r < rows; r++) {
        float *row = x + r * width;
        __m256 sums = _mm256_setzero_ps();
        float tail = 0;
        size_t j = 0;
        if (residual) {
            const float *added = residual + r * width;
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

// One row of rk_dequantize for columns [0, n), n the largest multiple of 16 ≤ width; returns n.
static RK_AVX512 size_t dequantize_row_avx512(const int32_t *row, size_t width, float row_scale, int32_t zero_point,
                                             const float *column_scales, const int32_t *column_sums, const float *bias,
                                             int gelu, float *out) {
    const __m512 row_scales = _mm512_set1_ps(row_scale);
    const __m512i zero_points = _mm512_set1_epi32(zero_point);
    size_t n = 0;
    for (; n + 16 <= width; n += 16) {
        __m512i exact = _mm512_sub_epi32(_mm512_loadu_si512(row + n),
                                         _mm512_mullo_epi32(zero_points, _mm512_loadu_si512(column_sums + n)));
        __m512 value = _mm512_fmadd_ps(_mm512_cvtepi32_ps(exact), _mm512_mul_ps(row_scales, _mm512_loadu_ps(column_scales + n)),
                                       _mm512_loadu_ps(bias + n));
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
        size_t n = wide ? dequantize_row_avx512(row, width, row_scales[r], zero_points[r], column_scales, column_sums, bias,
                                                gelu, out) : 0;
        for (; n + 8 <= width; n += 8) {
            __m256i exact = _mm256_sub_epi32(_mm256_loadu_si256((const __m256i *)(row + n)),
                                             _mm256_mullo_epi32(zero_point, _mm256_loadu_si256((const __m256i *)(column_sums + n))));
            __m256 value = _mm256_fmadd_ps(_mm256_cvtepi32_ps(exact), _mm256_mul_ps(row_scale, _mm256_loadu_ps(column_scales + n)),
                                           _mm256_loadu_ps(bias + n));
            _mm256_storeu_ps(out + n, gelu ? gelu8(value) : value);
        }
        for (; n < width; n++) {
            out[n] = (float)(row[n] - zero_points[r] * column_sums[n]) * (row_scales[r] * column_scales[n]) + bias[n];
        }
        if (gelu && (width & 7)) gelu_tail(out + (width & ~(size_t)7), width & 7);
    }
}

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

// Context of `rows` (1 or 2) query rows: out[r] = Σₜ p[r][t]·v[t], 32 values of the head at a time in independent
// accumulators, then 8 at a time, then one.
static inline void context_rows(const float *probabilities, size_t padded, size_t rows, const float *v, size_t stride,
                                size_t length, size_t head_size, float *out, size_t out_stride) {
    const float *p0 = probabilities, *p1 = probabilities + (rows > 1 ? padded : 0);
    size_t c = 0;
    for (; c + 32 <= head_size; c += 32) {
        __m256 s00 = _mm256_setzero_ps(), s01 = _mm256_setzero_ps(), s02 = _mm256_setzero_ps(), s03 = _mm256_setzero_ps();
        __m256 s10 = _mm256_setzero_ps(), s11 = _mm256_setzero_ps(), s12 = _mm256_setzero_ps(), s13 = _mm256_setzero_ps();
        for (size_t t = 0; t < length; t++) {
            const float *value = v + t * stride + c;
            const __m256 v0 = _mm256_loadu_ps(value), v1 = _mm256_loadu_ps(value + 8);
            const __m256 v2 = _mm256_loadu_ps(value + 16), v3 = _mm256_loadu_ps(value + 24);
            __m256 p = _mm256_broadcast_ss(p0 + t);
            s00 = _mm256_fmadd_ps(p, v0, s00); s01 = _mm256_fmadd_ps(p, v1, s01);
            s02 = _mm256_fmadd_ps(p, v2, s02); s03 = _mm256_fmadd_ps(p, v3, s03);
            p = _mm256_broadcast_ss(p1 + t);
            s10 = _mm256_fmadd_ps(p, v0, s10); s11 = _mm256_fmadd_ps(p, v1, s11);
            s12 = _mm256_fmadd_ps(p, v2, s12); s13 = _mm256_fmadd_ps(p, v3, s13);
        }
        _mm256_storeu_ps(out + c, s00); _mm256_storeu_ps(out + c + 8, s01);
        _mm256_storeu_ps(out + c + 16, s02); _mm256_storeu_ps(out + c + 24, s03);
        if (rows > 1) {
            float *second = out + out_stride;
            _mm256_storeu_ps(second + c, s10); _mm256_storeu_ps(second + c + 8, s11);
            _mm256_storeu_ps(second + c + 16, s12); _mm256_storeu_ps(second + c + 24, s13);
        }
    }
    for (; c + 8 <= head_size; c += 8) {
        __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
        for (size_t t = 0; t < length; t++) {
            const __m256 value = _mm256_loadu_ps(v + t * stride + c);
            s0 = _mm256_fmadd_ps(_mm256_broadcast_ss(p0 + t), value, s0);
            s1 = _mm256_fmadd_ps(_mm256_broadcast_ss(p1 + t), value, s1);
        }
        _mm256_storeu_ps(out + c, s0);
        if (rows > 1) _mm256_storeu_ps(out + out_stride + c, s1);
    }
    for (; c < head_size; c++) {
        for (size_t r = 0; r < rows; r++) {
            const float *p = probabilities + r * padded;
            float sum = 0;
            for (size_t t = 0; t < length; t++) sum += p[t] * v[t * stride + c];
            out[r * out_stride + c] = sum;
        }
    }
}

// MARK: attention with 512-bit vectors
//
// Every score and context value is summed in the same order, with the same fused multiply-adds, as on the
// AVX2 path, and the softmax's sums too, so both paths give bit-identical results.

// Scores of four query rows against keys [j, j+32): 4 × 2 independent accumulators over the head's values.
static inline RK_AVX512 void scores_4x32(const float *q, size_t stride, const float *keys, size_t padded, size_t j,
                                         size_t head_size, __m512 scale, float *scores) {
    __m512 a00 = _mm512_setzero_ps(), a01 = _mm512_setzero_ps(), a10 = _mm512_setzero_ps(), a11 = _mm512_setzero_ps();
    __m512 a20 = _mm512_setzero_ps(), a21 = _mm512_setzero_ps(), a30 = _mm512_setzero_ps(), a31 = _mm512_setzero_ps();
    for (size_t c = 0; c < head_size; c++) {
        const __m512 k0 = _mm512_loadu_ps(keys + c * padded + j), k1 = _mm512_loadu_ps(keys + c * padded + j + 16);
        __m512 qc = _mm512_set1_ps(q[c]);
        a00 = _mm512_fmadd_ps(qc, k0, a00); a01 = _mm512_fmadd_ps(qc, k1, a01);
        qc = _mm512_set1_ps(q[stride + c]);
        a10 = _mm512_fmadd_ps(qc, k0, a10); a11 = _mm512_fmadd_ps(qc, k1, a11);
        qc = _mm512_set1_ps(q[2 * stride + c]);
        a20 = _mm512_fmadd_ps(qc, k0, a20); a21 = _mm512_fmadd_ps(qc, k1, a21);
        qc = _mm512_set1_ps(q[3 * stride + c]);
        a30 = _mm512_fmadd_ps(qc, k0, a30); a31 = _mm512_fmadd_ps(qc, k1, a31);
    }
    _mm512_storeu_ps(scores + j, _mm512_mul_ps(a00, scale)); _mm512_storeu_ps(scores + j + 16, _mm512_mul_ps(a01, scale));
    scores += padded;
    _mm512_storeu_ps(scores + j, _mm512_mul_ps(a10, scale)); _mm512_storeu_ps(scores + j + 16, _mm512_mul_ps(a11, scale));
    scores += padded;
    _mm512_storeu_ps(scores + j, _mm512_mul_ps(a20, scale)); _mm512_storeu_ps(scores + j + 16, _mm512_mul_ps(a21, scale));
    scores += padded;
    _mm512_storeu_ps(scores + j, _mm512_mul_ps(a30, scale)); _mm512_storeu_ps(scores + j + 16, _mm512_mul_ps(a31, scale));
}

// Scores of one query row against keys [j, j+32).
static inline RK_AVX512 void scores_1x32(const float *q, const float *keys, size_t padded, size_t j, size_t head_size,
                                         __m512 scale, float *scores) {
    __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
    for (size_t c = 0; c < head_size; c++) {
        const __m512 qc = _mm512_set1_ps(q[c]);
        a0 = _mm512_fmadd_ps(qc, _mm512_loadu_ps(keys + c * padded + j), a0);
        a1 = _mm512_fmadd_ps(qc, _mm512_loadu_ps(keys + c * padded + j + 16), a1);
    }
    _mm512_storeu_ps(scores + j, _mm512_mul_ps(a0, scale));
    _mm512_storeu_ps(scores + j + 16, _mm512_mul_ps(a1, scale));
}

// Context of four query rows, 32 values of the head at a time (head_size a multiple of 16; a last 16 alone).
static inline RK_AVX512 void context_4rows(const float *probabilities, size_t padded, const float *v, size_t stride,
                                           size_t length, size_t head_size, float *out, size_t out_stride) {
    const float *p0 = probabilities, *p1 = p0 + padded, *p2 = p1 + padded, *p3 = p2 + padded;
    size_t c = 0;
    for (; c + 32 <= head_size; c += 32) {
        __m512 s00 = _mm512_setzero_ps(), s01 = _mm512_setzero_ps(), s10 = _mm512_setzero_ps(), s11 = _mm512_setzero_ps();
        __m512 s20 = _mm512_setzero_ps(), s21 = _mm512_setzero_ps(), s30 = _mm512_setzero_ps(), s31 = _mm512_setzero_ps();
        for (size_t t = 0; t < length; t++) {
            const float *value = v + t * stride + c;
            const __m512 v0 = _mm512_loadu_ps(value), v1 = _mm512_loadu_ps(value + 16);
            __m512 p = _mm512_set1_ps(p0[t]);
            s00 = _mm512_fmadd_ps(p, v0, s00); s01 = _mm512_fmadd_ps(p, v1, s01);
            p = _mm512_set1_ps(p1[t]);
            s10 = _mm512_fmadd_ps(p, v0, s10); s11 = _mm512_fmadd_ps(p, v1, s11);
            p = _mm512_set1_ps(p2[t]);
            s20 = _mm512_fmadd_ps(p, v0, s20); s21 = _mm512_fmadd_ps(p, v1, s21);
            p = _mm512_set1_ps(p3[t]);
            s30 = _mm512_fmadd_ps(p, v0, s30); s31 = _mm512_fmadd_ps(p, v1, s31);
        }
        _mm512_storeu_ps(out + c, s00); _mm512_storeu_ps(out + c + 16, s01);
        _mm512_storeu_ps(out + out_stride + c, s10); _mm512_storeu_ps(out + out_stride + c + 16, s11);
        _mm512_storeu_ps(out + 2 * out_stride + c, s20); _mm512_storeu_ps(out + 2 * out_stride + c + 16, s21);
        _mm512_storeu_ps(out + 3 * out_stride + c, s30); _mm512_storeu_ps(out + 3 * out_stride + c + 16, s31);
    }
    if (c < head_size) { // the last 16
        __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps(), s2 = _mm512_setzero_ps(), s3 = _mm512_setzero_ps();
        for (size_t t = 0; t < length; t++) {
            const __m512 value = _mm512_loadu_ps(v + t * stride + c);
            s0 = _mm512_fmadd_ps(_mm512_set1_ps(p0[t]), value, s0);
            s1 = _mm512_fmadd_ps(_mm512_set1_ps(p1[t]), value, s1);
            s2 = _mm512_fmadd_ps(_mm512_set1_ps(p2[t]), value, s2);
            s3 = _mm512_fmadd_ps(_mm512_set1_ps(p3[t]), value, s3);
        }
        _mm512_storeu_ps(out + c, s0);
        _mm512_storeu_ps(out + out_stride + c, s1);
        _mm512_storeu_ps(out + 2 * out_stride + c, s2);
        _mm512_storeu_ps(out + 3 * out_stride + c, s3);
    }
}

// Kᵀ into `keys`: head_size rows of `padded` keys, zero beyond `length`.
static void transpose_keys(const float *k, size_t stride, size_t length, size_t head_size, size_t padded, float *keys) {
    for (size_t c = 0; c < head_size; c++) {
        float *row = keys + c * padded;
        for (size_t j = 0; j < length; j++) row[j] = k[j * stride + c];
        for (size_t j = length; j < padded; j++) row[j] = 0;
    }
}

static RK_AVX512 void attention_head_avx512(const float *q, const float *k, const float *v, size_t stride, size_t length,
                                            size_t head_size, float scale, float *out, size_t out_stride, float *scratch) {
    const size_t padded = (length + 31) & ~(size_t)31;
    float *keys = scratch;
    float *scores = scratch + head_size * padded;
    transpose_keys(k, stride, length, head_size, padded, keys);
    const __m512 scales = _mm512_set1_ps(scale);
    size_t i = 0;
    for (; i + 4 <= length; i += 4) {
        for (size_t j = 0; j < padded; j += 32) scores_4x32(q + i * stride, stride, keys, padded, j, head_size, scales, scores);
        for (size_t r = 0; r < 4; r++) softmax_rows(scores + r * padded, 1, length, 1);
        context_4rows(scores, padded, v, stride, length, head_size, out + i * out_stride, out_stride);
    }
    for (; i < length; i++) {
        for (size_t j = 0; j < padded; j += 32) scores_1x32(q + i * stride, keys, padded, j, head_size, scales, scores);
        softmax_rows(scores, 1, length, 1);
        context_rows(scores, padded, 1, v, stride, length, head_size, out + i * out_stride, out_stride);
    }
}

static void attention_head_avx2(const float *q, const float *k, const float *v, size_t stride, size_t length,
                                size_t head_size, float scale, float *out, size_t out_stride, float *scratch) {
    const size_t padded = (length + 15) & ~(size_t)15;
    float *keys = scratch;                        // Kᵀ: head_size rows of `padded` keys, zero beyond `length`
    float *scores = scratch + head_size * padded; // four query rows' scores
    transpose_keys(k, stride, length, head_size, padded, keys);
    const __m256 scales = _mm256_set1_ps(scale);
    size_t i = 0;
    for (; i < length; ) {
        const size_t rows = length - i >= 4 ? 4 : 1;
        for (size_t j = 0; j < padded; j += 16) {
            if (rows == 4) scores_4x16(q + i * stride, stride, keys, padded, j, head_size, scales, scores);
            else scores_1x16(q + i * stride, keys, padded, j, head_size, scales, scores);
        }
        softmax_rows(scores, 1, length, 0);
        if (rows == 4) {
            for (size_t r = 1; r < 4; r++) softmax_rows(scores + r * padded, 1, length, 0);
            context_rows(scores, padded, 2, v, stride, length, head_size, out + i * out_stride, out_stride);
            context_rows(scores + 2 * padded, padded, 2, v, stride, length, head_size, out + (i + 2) * out_stride, out_stride);
        } else {
            context_rows(scores, padded, 1, v, stride, length, head_size, out + i * out_stride, out_stride);
        }
        i += rows;
    }
}

void rk_attention_head(const float *q, const float *k, const float *v, size_t stride, size_t length, size_t head_size,
                       float scale, float *out, size_t out_stride, float *scratch, int wide) {
    if (use_wide_vectors(wide) && head_size % 16 == 0) {
        attention_head_avx512(q, k, v, stride, length, head_size, scale, out, out_stride, scratch);
    } else {
        attention_head_avx2(q, k, v, stride, length, head_size, scale, out, out_stride, scratch);
    }
}
