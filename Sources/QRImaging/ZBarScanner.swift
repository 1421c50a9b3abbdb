import CZBar

/// Owns a libzbar image scanner set up for QR codes only, returning raw bytes (`ZBAR_CFG_BINARY`), so that UTF-8
/// decoding is ours and zbar's charset guessing never touches the data.
final class ZBarScanner {
    private let scanner: OpaquePointer

    /// The corresponding C function is `zbar_image_scanner_create`.
    init() {
        scanner = zbar_image_scanner_create()
        zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1)
    }

    deinit { zbar_image_scanner_destroy(scanner) }

    /// Every QR code zbar finds in `image`, with corners in `image`'s pixels.
    /// The corresponding C function is `zbar_scan_image`.
    func scan(_ image: GrayImage) -> [QRSymbol] {
        guard let zimage = zbar_image_create() else { return [] }
        defer { zbar_image_destroy(zimage) }
        zbar_image_set_format(zimage, vqr_zbar_fourcc_y800())
        zbar_image_set_size(zimage, UInt32(image.width), UInt32(image.height))
        return image.pixels.withUnsafeBufferPointer { pixels in
            zbar_image_set_data(zimage, pixels.baseAddress, UInt(pixels.count), nil)
            defer { zbar_image_set_data(zimage, nil, 0, nil) }
            guard zbar_scan_image(scanner, zimage) > 0 else { return [] }
            var symbols: [QRSymbol] = []
            var symbol = zbar_image_first_symbol(zimage)
            while let current = symbol {
                let length = Int(zbar_symbol_get_data_length(current))
                let bytes =
                    zbar_symbol_get_data(current).map { data in
                        data.withMemoryRebound(to: UInt8.self, capacity: length) {
                            Array(UnsafeBufferPointer(start: $0, count: length))
                        }
                    } ?? []
                let corners = (0..<zbar_symbol_get_loc_size(current)).map { i in
                    QRPoint(x: Int(zbar_symbol_get_loc_x(current, i)), y: Int(zbar_symbol_get_loc_y(current, i)))
                }
                symbols.append(QRSymbol(bytes: bytes, corners: corners))
                symbol = zbar_symbol_next(current)
            }
            return symbols
        }
    }
}
