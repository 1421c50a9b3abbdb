// CRC-16/CCITT-FALSE folding with carry-less multiplication; see include/EMVQRKernel.h.
//
// The remainder X is a 128-bit polynomial whose top bit is the first byte's top bit: each block is loaded
// byte-reversed so that, as a 128-bit integer, it reads in message order. Folding by d bits multiplies the high and
// the low 64 bits by x^(d+64) mod P and x^d mod P (P = x^16 + x^12 + x^5 + 1); each product is below 2^80.

#include "EMVQRKernel.h"

#include <string.h>

// x^n mod P for the fold distances used below.
#define K128 0xAEFCu  // x^128
#define K192 0x650Bu  // x^192
#define K256 0x8E29u  // x^256
#define K320 0x26AAu  // x^320
#define K384 0xCDE2u  // x^384
#define K448 0x2535u  // x^448
#define K512 0x13FCu  // x^512
#define K576 0x8832u  // x^576

#if defined(__x86_64__)

#include <cpuid.h>
#include <immintrin.h>

#define KERNEL __attribute__((target("pclmul,ssse3")))

int emvqr_crc16_fold_available(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    return (c & bit_PCLMUL) != 0 && (c & bit_SSSE3) != 0;
}

KERNEL static inline __m128i load(const uint8_t *p) {
    const __m128i reverse = _mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    return _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p), reverse);
}

// x·x^d + next, with k = (x^(d+64) mod P, x^d mod P).
KERNEL static inline __m128i fold(__m128i x, __m128i k, __m128i next) {
    return _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x11), _mm_clmulepi64_si128(x, k, 0x00)), next);
}

KERNEL size_t emvqr_crc16_fold(uint16_t crc, const uint8_t *bytes, size_t count, uint8_t remainder[16]) {
    size_t blocks = count / 16;
    const uint8_t *p = bytes;
    // The register enters as the message's first 16 bits.
    __m128i x = _mm_xor_si128(load(p), _mm_set_epi64x((long long)((uint64_t)crc << 48), 0));
    p += 16;
    blocks -= 1;
    if (blocks >= 7) {
        // Four lanes, 64 bytes apart, so the multiplications of one step do not wait for each other.
        __m128i x1 = load(p), x2 = load(p + 16), x3 = load(p + 32);
        p += 48;
        blocks -= 3;
        const __m128i k512 = _mm_set_epi64x(K576, K512);
        while (blocks >= 4) {
            x = fold(x, k512, load(p));
            x1 = fold(x1, k512, load(p + 16));
            x2 = fold(x2, k512, load(p + 32));
            x3 = fold(x3, k512, load(p + 48));
            p += 64;
            blocks -= 4;
        }
        // x·x^384 + x1·x^256 + x2·x^128 + x3.
        x = _mm_xor_si128(fold(x, _mm_set_epi64x(K448, K384), fold(x1, _mm_set_epi64x(K320, K256), x3)),
                          fold(x2, _mm_set_epi64x(K192, K128), _mm_setzero_si128()));
    }
    const __m128i k128 = _mm_set_epi64x(K192, K128);
    while (blocks > 0) {
        x = fold(x, k128, load(p));
        p += 16;
        blocks -= 1;
    }
    const __m128i reverse = _mm_setr_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    _mm_storeu_si128((__m128i *)remainder, _mm_shuffle_epi8(x, reverse));
    return (size_t)(p - bytes);
}

#elif defined(__aarch64__) && (defined(__ARM_FEATURE_AES) || defined(__ARM_FEATURE_CRYPTO))

#include <arm_neon.h>

int emvqr_crc16_fold_available(void) { return 1; }

// Two 64-bit halves, high first, of a block read in message order.
typedef struct {
    uint64_t hi, lo;
} block;

static inline uint64_t big_endian64(const uint8_t *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return __builtin_bswap64(v);
}

static inline block load(const uint8_t *p) { return (block){big_endian64(p), big_endian64(p + 8)}; }

static inline block product(uint64_t a, uint64_t k) {
    poly128_t r = vmull_p64((poly64_t)a, (poly64_t)k);
    uint64x2_t v = vreinterpretq_u64_p128(r);
    return (block){vgetq_lane_u64(v, 1), vgetq_lane_u64(v, 0)};
}

static inline block fold(block x, uint64_t khi, uint64_t klo, block next) {
    block a = product(x.hi, khi), b = product(x.lo, klo);
    return (block){a.hi ^ b.hi ^ next.hi, a.lo ^ b.lo ^ next.lo};
}

size_t emvqr_crc16_fold(uint16_t crc, const uint8_t *bytes, size_t count, uint8_t remainder[16]) {
    size_t blocks = count / 16;
    const uint8_t *p = bytes;
    block x = load(p);
    x.hi ^= (uint64_t)crc << 48;
    p += 16;
    blocks -= 1;
    const block zero = {0, 0};
    if (blocks >= 7) {
        block x1 = load(p), x2 = load(p + 16), x3 = load(p + 32);
        p += 48;
        blocks -= 3;
        while (blocks >= 4) {
            x = fold(x, K576, K512, load(p));
            x1 = fold(x1, K576, K512, load(p + 16));
            x2 = fold(x2, K576, K512, load(p + 32));
            x3 = fold(x3, K576, K512, load(p + 48));
            p += 64;
            blocks -= 4;
        }
        block a = fold(x, K448, K384, fold(x1, K320, K256, x3));
        block b = fold(x2, K192, K128, zero);
        x = (block){a.hi ^ b.hi, a.lo ^ b.lo};
    }
    while (blocks > 0) {
        x = fold(x, K192, K128, load(p));
        p += 16;
        blocks -= 1;
    }
    uint64_t hi = __builtin_bswap64(x.hi), lo = __builtin_bswap64(x.lo);
    memcpy(remainder, &hi, 8);
    memcpy(remainder + 8, &lo, 8);
    return (size_t)(p - bytes);
}

#else

int emvqr_crc16_fold_available(void) { return 0; }

size_t emvqr_crc16_fold(uint16_t crc, const uint8_t *bytes, size_t count, uint8_t remainder[16]) {
    (void)crc;
    (void)bytes;
    (void)count;
    memset(remainder, 0, 16);
    return 0;
}

#endif
