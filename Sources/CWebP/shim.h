// libwebp's simple decoding API (photos forwarded from chat apps arrive as WebP).
#ifndef VILLAGEQR_CWEBP_SHIM_H
#define VILLAGEQR_CWEBP_SHIM_H
#include <webp/decode.h>
#endif
