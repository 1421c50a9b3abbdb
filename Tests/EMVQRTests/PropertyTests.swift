import EMVQR
import PropertyBased
import Testing

/// A random field tree the serializer can write.
struct RandomField: Sendable, CustomStringConvertible {
    var tag: Int
    var value: [UInt8]
    var children: [RandomField]

    var description: String { "\(tag)(\(children.isEmpty ? "\(value.count)B" : "\(children)"))" }
}

@Suite("Properties")
struct PropertyTests {
    static let primitiveTags = [1, 2, 15, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61]
    static let templateTags = [26, 38, 51, 62, 64, 80, 99]

    static let printable = Gen.int(in: 0x20...0x7E).map { UInt8($0) }.array(of: 0...20)
    static let child = zip(Gen.int(in: 1...9), printable).map { RandomField(tag: $0, value: $1, children: []) }
    static let field = zip(
        Gen.bool, Gen.element(of: primitiveTags).map { $0! }, Gen.element(of: templateTags).map { $0! }, printable,
        child.array(of: 1...3)
    ).map { isTemplate, primitiveTag, templateTag, value, children in
        isTemplate
            ? RandomField(tag: templateTag, value: [], children: children)
            : RandomField(tag: primitiveTag, value: value, children: [])
    }

    static func write(_ fields: [RandomField]) throws -> [UInt8] {
        var s = EMVSerializer()
        try s.appendPrimitive(tag: 0, "01")
        var used: Set<Int> = [0]
        for f in fields where used.insert(f.tag).inserted {
            if f.children.isEmpty {
                try s.appendPrimitive(tag: f.tag, f.value)
            } else {
                try s.appendTemplate(tag: f.tag) { t in
                    var usedChildren: Set<Int> = []
                    for c in f.children where usedChildren.insert(c.tag).inserted {
                        try t.appendPrimitive(tag: c.tag, c.value)
                    }
                }
            }
        }
        return try s.finalize()
    }

    @Test("Serialize then parse gives back the same tree")
    func serializeThenParse() async {
        await propertyCheck(count: 300, input: Self.field.array(of: 0...8)) { fields in
            let bytes = try Self.write(fields)
            let payload = try EMVPayload(parsing: bytes, mode: .strict)
            #expect(payload.serialized() == bytes)
            var expected: [Int] = [0]
            var used: Set<Int> = [0]
            for f in fields where used.insert(f.tag).inserted {
                expected.append(f.tag)
                let parsed = try #require(payload[f.tag])
                if f.children.isEmpty {
                    #expect(Array(parsed.value) == f.value)
                } else {
                    var seen: Set<Int> = []
                    let kids = f.children.filter { seen.insert($0.tag).inserted }
                    #expect(parsed.children.map(\.tag) == kids.map(\.tag))
                    #expect(parsed.children.map { Array($0.value) } == kids.map(\.value))
                }
            }
            #expect(payload.fields.map(\.tag) == expected + [63])
        }
    }

    @Test("Random mutations of valid payloads never crash and give a tree or a typed error")
    func mutations() async {
        let seeds = Fixtures.valid.map { Array($0.payload.utf8) }
        let mutation = zip(
            Gen.int(in: 0..<seeds.count), Gen.int(in: 0...3), Gen.int(in: 0...4096), Gen.int(in: 0...255))
        await propertyCheck(count: 3000, input: mutation) { seed, kind, where_, byte in
            var bytes = seeds[seed]
            let i = where_ % max(bytes.count, 1)
            switch kind {
            case 0: bytes[i] = UInt8(byte)
            case 1: bytes.insert(UInt8(byte), at: i)
            case 2: bytes.remove(at: i)
            default: bytes = Array(bytes.prefix(i))
            }
            do {
                let payload = try EMVPayload(parsing: bytes)
                // A tree: every field lies inside the payload and inside its parent.
                for field in payload.allFields {
                    #expect(field.valueOffset + field.value.count <= bytes.count)
                    for child in field.children {
                        #expect(child.offset >= field.valueOffset)
                        #expect(child.valueOffset + child.value.count <= field.valueOffset + field.value.count)
                    }
                }
                #expect(payload.serialized() == bytes)
            } catch let error as EMVQRError {
                #expect(error.offset >= 0 && error.offset <= max(bytes.count, EMVPayload.maximumLength))
                #expect(!error.message.isEmpty)
            }
        }
    }
}
