// The C yardstick for the imaging benchmark: the same work as QRImaging, written directly against the libraries.
#ifndef IMAGING_REFERENCE_H
#define IMAGING_REFERENCE_H
#include <stddef.h>

/// Encodes `text` (ECC M, libqrencode's own mode split, case-sensitive), renders it 1-bit gray at `scale` pixels per
/// module with a `margin`-module quiet zone and compresses it as a PNG in memory. Returns the PNG's size, 0 on error.
size_t ref_render_png(const char *text, int scale, int margin);

/// One libzbar pass, QR only, over 8-bit gray pixels. Returns the number of codes found.
int ref_zbar_scan(const unsigned char *pixels, int width, int height);
#endif
