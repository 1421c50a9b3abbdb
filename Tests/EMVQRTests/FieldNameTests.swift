import EMVQR
import Testing

@Suite struct FieldNameTests {
    /// A payload with a PIX merchant account, a card network account, additional data and an alternate language.
    static func payload() throws -> EMVPayload {
        var serializer = EMVSerializer()
        try serializer.appendPrimitive(tag: 0, "01")
        try serializer.appendPrimitive(tag: 4, "4111111111111111")
        try serializer.appendTemplate(tag: 26) { template in
            try template.appendPrimitive(tag: 0, "br.gov.bcb.pix")
            try template.appendPrimitive(tag: 1, "key")
        }
        try serializer.appendPrimitive(tag: 53, "986")
        try serializer.appendPrimitive(tag: 58, "BR")
        try serializer.appendPrimitive(tag: 59, "FEIRA")
        try serializer.appendTemplate(tag: 62) { data in
            try data.appendPrimitive(tag: 5, "REF1")
            try data.appendPrimitive(tag: 12, "x")
            try data.appendPrimitive(tag: 50, "y")
        }
        try serializer.appendTemplate(tag: 64) { alternate in
            try alternate.appendPrimitive(tag: 0, "PT")
            try alternate.appendPrimitive(tag: 1, "FEIRA")
        }
        return try EMVPayload(parsing: try serializer.finalize(), mode: .lenient)
    }

    @Test(arguments: [
        ("00", "Payload format indicator"), ("04", "Card network merchant account"), ("26", "Merchant account (PIX)"),
        ("26.00", "GUID"), ("26.01", "Scheme data"), ("53", "Transaction currency"), ("59", "Merchant name"),
        ("62", "Additional data"), ("62.05", "Reference label"), ("62.12", "Reserved"),
        ("62.50", "Payment system template"), ("64.00", "Language preference"), ("64.01", "Merchant name"),
        ("63", "CRC"),
    ])
    func names(_ path: String, _ name: String) throws {
        let payload = try Self.payload()
        let tagPath = try #require(TagPath(path))
        let field = try #require(payload[tagPath])
        #expect(payload.name(of: field) == name)
    }
}
