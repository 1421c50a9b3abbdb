#include "imaging_reference.h"

#include <png.h>
#include <qrencode.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

typedef struct {
    unsigned char *data;
    size_t size, capacity;
} buffer;

static void write_data(png_structp png, png_bytep bytes, size_t length) {
    buffer *b = png_get_io_ptr(png);
    if (b->size + length > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->size + length) capacity *= 2;
        unsigned char *grown = realloc(b->data, capacity);
        if (grown == NULL) png_error(png, "out of memory");
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->size, bytes, length);
    b->size += length;
}

static void flush_data(png_structp png) { (void)png; }

size_t ref_render_png(const char *text, int scale, int margin) {
    QRcode *code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (code == NULL) return 0;
    int side = (code->width + 2 * margin) * scale;
    size_t row_bytes = (size_t)(side + 7) / 8;
    unsigned char *rows = calloc(row_bytes, (size_t)side);
    unsigned char *row = malloc(row_bytes);
    for (int y = 0; y < side; y++) {
        int my = y / scale - margin;
        if (y % scale == 0) {
            for (int x = 0; x < side; x++) {
                int mx = x / scale - margin;
                int dark = my >= 0 && my < code->width && mx >= 0 && mx < code->width && (code->data[my * code->width + mx] & 1);
                if (x % 8 == 0) row[x / 8] = 0;
                if (!dark) row[x / 8] |= (unsigned char)(0x80 >> (x % 8));
            }
        }
        memcpy(rows + (size_t)y * row_bytes, row, row_bytes);
    }
    QRcode_free(code);
    free(row);

    buffer out = {0};
    size_t result = 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png)) == 0) {
        png_set_write_fn(png, &out, write_data, flush_data);
        png_set_compression_level(png, 6);
        png_set_IHDR(png, info, side, side, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                     PNG_FILTER_TYPE_DEFAULT);
        png_write_info(png, info);
        for (int y = 0; y < side; y++) png_write_row(png, rows + (size_t)y * row_bytes);
        png_write_end(png, info);
        result = out.size;
    }
    png_destroy_write_struct(&png, &info);
    free(rows);
    free(out.data);
    return result;
}

int ref_zbar_scan(const unsigned char *pixels, int width, int height) {
    zbar_image_scanner_t *scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
    zbar_image_t *image = zbar_image_create();
    zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(image, (unsigned)width, (unsigned)height);
    zbar_image_set_data(image, pixels, (unsigned long)width * (unsigned long)height, NULL);
    int found = zbar_scan_image(scanner, image);
    zbar_image_destroy(image);
    zbar_image_scanner_destroy(scanner);
    return found < 0 ? 0 : found;
}
