// libpng, as QRImaging sees it.
//
// Reading goes through the simplified `png_image_*` API, which never lets a longjmp escape. Writing needs what
// that API lacks (1-bit rows, a palette, a pHYs chunk), so `vqr_png_write` below owns the `setjmp`: libpng's
// longjmp lands in this C frame and never crosses a Swift one.
#ifndef VILLAGEQR_CPNG_SHIM_H
#define VILLAGEQR_CPNG_SHIM_H
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/// A growable output buffer owned by the caller; free `data` with `vqr_png_buffer_free`.
typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
} vqr_png_buffer;

static inline void vqr_png_buffer_free(vqr_png_buffer *buffer) {
    free(buffer->data);
    buffer->data = NULL;
    buffer->size = 0;
    buffer->capacity = 0;
}

static void vqr_png_write_data(png_structp png, png_bytep bytes, size_t length) {
    vqr_png_buffer *buffer = (vqr_png_buffer *)png_get_io_ptr(png);
    if (buffer->size + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 4096;
        while (capacity < buffer->size + length) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(buffer->data, capacity);
        if (grown == NULL) {
            png_error(png, "out of memory");
        }
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->size, bytes, length);
    buffer->size += length;
}

static void vqr_png_flush(png_structp png) { (void)png; }

static void vqr_png_error(png_structp png, png_const_charp message) {
    char *slot = (char *)png_get_error_ptr(png);
    if (slot != NULL) {
        strncpy(slot, message, 127);
        slot[127] = 0;
    }
    png_longjmp(png, 1);
}

static void vqr_png_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

/// Encodes packed rows as a PNG into `out`.
///
/// - `pixels`: `height` rows of `row_bytes` bytes, already packed to `bit_depth` (MSB first).
/// - `color_type`: `PNG_COLOR_TYPE_GRAY` or `PNG_COLOR_TYPE_PALETTE`; `palette_rgb` holds `palette_count` RGB
///   triples for the latter.
/// - `pixels_per_metre`: written as a pHYs chunk when non-zero.
/// - `message`: 128 bytes that receive libpng's error text.
///
/// Returns 0 on success, -1 on failure. The `setjmp` lives here, so libpng's `longjmp` never crosses a Swift frame.
static inline int vqr_png_write(const unsigned char *pixels, unsigned int width, unsigned int height,
                                size_t row_bytes, int bit_depth, int color_type,
                                const unsigned char *palette_rgb, int palette_count,
                                unsigned int pixels_per_metre, int compression_level,
                                vqr_png_buffer *out, char *message) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, message, vqr_png_error, vqr_png_warning);
    if (png == NULL) return -1;
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return -1;
    }
    png_set_write_fn(png, out, vqr_png_write_data, vqr_png_flush);
    png_set_compression_level(png, compression_level);
    png_set_IHDR(png, info, width, height, bit_depth, color_type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_color entries[256];
        for (int i = 0; i < palette_count && i < 256; i++) {
            entries[i].red = palette_rgb[3 * i];
            entries[i].green = palette_rgb[3 * i + 1];
            entries[i].blue = palette_rgb[3 * i + 2];
        }
        png_set_PLTE(png, info, entries, palette_count);
    }
    if (pixels_per_metre != 0) {
        png_set_pHYs(png, info, pixels_per_metre, pixels_per_metre, PNG_RESOLUTION_METER);
    }
    png_write_info(png, info);
    for (unsigned int y = 0; y < height; y++) {
        png_write_row(png, (png_const_bytep)(pixels + (size_t)y * row_bytes));
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return 0;
}
#endif
