import EMVQR

/// Payloads the VietQR builder would refuse, written directly through EMVSerializer so the CRC is right.
enum RawPayload {
    /// A VietQR transfer with the given BIN, and with `service` in 38.02 unless it is `nil`.
    static func vietQR(bin: String, service: String?) throws -> [UInt8] {
        try payload(merchantAccount: 38, currency: "704", country: "VN") { template in
            try template.appendPrimitive(tag: 0, "A000000727")
            try template.appendTemplate(tag: 1) { beneficiary in
                try beneficiary.appendPrimitive(tag: 0, bin)
                try beneficiary.appendPrimitive(tag: 1, "1")
            }
            if let service { try template.appendPrimitive(tag: 2, service) }
        }
    }

    /// A Brazilian PIX payload: no VietQR template at all.
    static func pix() throws -> [UInt8] {
        try payload(merchantAccount: 26, currency: "986", country: "BR") { template in
            try template.appendPrimitive(tag: 0, "br.gov.bcb.pix")
            try template.appendPrimitive(tag: 1, "key")
        }
    }

    private static func payload(
        merchantAccount tag: Int,
        currency: String,
        country: String,
        _ body: (inout EMVSerializer) throws -> Void
    ) throws -> [UInt8] {
        var serializer = EMVSerializer()
        try serializer.appendPrimitive(tag: 0, "01")
        try serializer.appendPrimitive(tag: 1, "11")
        try serializer.appendTemplate(tag: tag, body)
        try serializer.appendPrimitive(tag: 53, currency)
        try serializer.appendPrimitive(tag: 58, country)
        return try serializer.finalize()
    }
}
