// libqrencode, as QRImaging sees it. Only the QRinput API is used: it gives control over segments and ECI.
#ifndef VILLAGEQR_CQRENCODE_SHIM_H
#define VILLAGEQR_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
