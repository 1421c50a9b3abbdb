// The carry-less multiplication kernel behind EMVQR's CRC-16 (CCITT-FALSE).
//
// A CRC is the remainder of the message, as a polynomial over GF(2), divided by the generator. Multiplying
// polynomials without carries is one instruction on CPUs that offer it (PCLMULQDQ on x86-64, PMULL on arm64), and
// it lets 16 bytes at a time be folded into a running 128-bit remainder:
//
//     X·x^128 + B  ≡  X_hi·(x^192 mod P) + X_lo·(x^128 mod P) + B     (mod P)
//
// The kernel folds whole 16-byte blocks, four lanes at a time, and hands back a 16-byte remainder congruent to
// them; the caller runs its own table-driven CRC over that remainder and the last 0-15 bytes. No state, no
// allocation, no global data but constants.
#ifndef EMVQR_KERNEL_H
#define EMVQR_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Whether this CPU runs the folding kernel: PCLMULQDQ and SSSE3 on x86-64 (asked of CPUID), PMULL on arm64 builds
/// that target it. Otherwise `emvqr_crc16_fold` must not be called.
int emvqr_crc16_fold_available(void);

/// Folds the first `16 * (count / 16)` bytes of `bytes`, starting from the CRC register `crc`, into 16 bytes written
/// to `remainder` such that the CRC-16/CCITT-FALSE of `remainder` from register 0 equals the register after those
/// bytes from `crc`. Returns the number of bytes folded. `count` must be at least 16.
size_t emvqr_crc16_fold(uint16_t crc, const uint8_t *bytes, size_t count, uint8_t remainder[16]);

#ifdef __cplusplus
}
#endif

#endif
