// libzbar, as QRImaging sees it, with shims for what the Swift importer cannot see.
#ifndef VILLAGEQR_CZBAR_SHIM_H
#define VILLAGEQR_CZBAR_SHIM_H
#include <zbar.h>

/// The FourCC of 8-bit grayscale ("Y800"). `zbar_fourcc` is a macro, which the importer drops.
static inline unsigned long vqr_zbar_fourcc_y800(void) {
    return zbar_fourcc('Y', '8', '0', '0');
}
#endif
