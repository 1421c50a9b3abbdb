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
                let corners = (0..<zbar_symbol_get_loc_size(current)).map { i in
                    QRPoint(x: Int(zbar_symbol_get_loc_x(current, i)), y: Int(zbar_symbol_get_loc_y(current, i)))
                }
                let (bytes, group) = Self.data(current)
                symbols.append(QRSymbol(bytes: bytes, corners: corners, structuredAppend: group))
                symbol = zbar_symbol_next(current)
            }
            return symbols
        }
    }

    /// A symbol's data, and for a structured-append group what zbar tells of it.
    ///
    /// zbar reports a structured-append group as one symbol whose components are the group's parts in order, with
    /// one empty component (no data, no location) for each run of parts it did not see. Into the group's data it writes
    /// a 0x00 before each part that follows such a run: an image holding only part 2 of 4 reads as 0x00 and then
    /// part 2's bytes. Those separators are not data and are taken out here.
    private static func data(_ symbol: OpaquePointer) -> (bytes: [UInt8], group: QRStructuredAppend?) {
        let bytes = Self.bytes(symbol)
        guard let components = zbar_symbol_get_components(symbol) else {
            return (bytes, nil)
        }
        var parts: [Bool] = []
        var component = zbar_symbol_set_first_symbol(components)
        while let current = component {
            parts.append(zbar_symbol_get_loc_size(current) > 0)
            component = zbar_symbol_next(current)
        }
        let group = QRStructuredAppend(partsFound: parts.filter { $0 }.count, complete: !parts.contains(false))
        let separators = zip(parts, parts.dropFirst()).filter { !$0 && $1 }.count
        guard separators > 0 else { return (bytes, group) }
        // The separators are all the 0x00 bytes when there are no others; otherwise only the place of a leading one
        // is certain.
        if bytes.count(where: { $0 == 0 }) == separators { return (bytes.filter { $0 != 0 }, group) }
        return (parts.first == false && bytes.first == 0 ? Array(bytes.dropFirst()) : bytes, group)
    }

    /// The data zbar decoded for `symbol`.
    private static func bytes(_ symbol: OpaquePointer) -> [UInt8] {
        let length = Int(zbar_symbol_get_data_length(symbol))
        return zbar_symbol_get_data(symbol).map { data in
            data.withMemoryRebound(to: UInt8.self, capacity: length) {
                Array(UnsafeBufferPointer(start: $0, count: length))
            }
        } ?? []
    }
}
