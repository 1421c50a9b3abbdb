// libjpeg-turbo's TurboJPEG API (pkg-config libturbojpeg).
#ifndef VILLAGEQR_CTURBOJPEG_SHIM_H
#define VILLAGEQR_CTURBOJPEG_SHIM_H
#include <stddef.h>
#include <turbojpeg.h>
#endif
