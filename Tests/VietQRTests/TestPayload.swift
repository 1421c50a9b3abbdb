import EMVQR
import VietQR

/// A payload written field by field through EMVSerializer, so that every variant carries a correct CRC.
struct TestPayload: Sendable {
    indirect enum Node: Sendable {
        case primitive(Int, String)
        case template(Int, [Node])

        var tag: Int {
            switch self {
            case .primitive(let tag, _), .template(let tag, _): return tag
            }
        }
    }

    var nodes: [Node]

    /// A dynamic Vietcombank transfer with merchant details and a purpose: every rule's fields present.
    static let base = TestPayload(nodes: [
        .primitive(0, "01"), .primitive(1, "12"),
        .template(
            38,
            [
                .primitive(0, "A000000727"),
                .template(1, [.primitive(0, "970436"), .primitive(1, "0011001234567")]),
                .primitive(2, "QRIBFTTA"),
            ]),
        .primitive(52, "5411"), .primitive(53, "704"), .primitive(54, "50000"), .primitive(58, "VN"),
        .primitive(59, "CHO LANG"), .primitive(60, "HA NOI"),
        .template(62, [.primitive(1, "HD001"), .primitive(8, "Mua rau")]),
    ])

    /// This payload with the field at `path` removed.
    func removing(_ path: TagPath) -> TestPayload {
        TestPayload(nodes: Self.edit(nodes, path.tags[...]) { _ in nil })
    }

    /// This payload with the field at `path` set (added in tag order when absent).
    func setting(_ path: TagPath, _ node: Node) -> TestPayload {
        TestPayload(nodes: Self.edit(nodes, path.tags[...]) { _ in node })
    }

    func setting(_ path: TagPath, _ value: String) -> TestPayload {
        setting(path, .primitive(path.last!, value))
    }

    private static func edit(_ nodes: [Node], _ tags: ArraySlice<Int>, _ change: (Node?) -> Node?) -> [Node] {
        var nodes = nodes
        let tag = tags.first!
        let i = nodes.firstIndex { $0.tag == tag }
        if tags.count == 1 {
            let new = change(i.map { nodes[$0] })
            if let i {
                if let new { nodes[i] = new } else { nodes.remove(at: i) }
            } else if let new {
                nodes.insert(new, at: nodes.firstIndex { $0.tag > tag } ?? nodes.count)
            }
            return nodes
        }
        guard let i, case .template(let t, let children) = nodes[i] else { return nodes }
        nodes[i] = .template(t, edit(children, tags.dropFirst(), change))
        return nodes
    }

    var text: String {
        var serializer = EMVSerializer()
        for node in nodes { try! Self.write(node, into: &serializer) }
        return String(decoding: try! serializer.finalize(), as: UTF8.self)
    }

    private static func write(_ node: Node, into serializer: inout EMVSerializer) throws {
        switch node {
        case .primitive(let tag, let value): try serializer.appendPrimitive(tag: tag, value)
        case .template(let tag, let children):
            try serializer.appendTemplate(tag: tag) { (inner: inout EMVSerializer) in
                for child in children { try write(child, into: &inner) }
            }
        }
    }
}

extension EMVPayload {
    /// Where a reader reports the field at `path`: its own offset, or for a missing field the end of the template
    /// it belongs in (for the root, the CRC field).
    func reportedOffset(of path: TagPath) -> Int? {
        // 38.01's fields, as VietQR reads them.
        let nested = (try? EMVPayload(parsing: bytes, nesting: VietQRPayload.nesting)) ?? self
        return nested.plainReportedOffset(of: path)
    }

    private func plainReportedOffset(of path: TagPath) -> Int? {
        if let field = self[path] { return field.offset }
        if path.count == 1 { return self[63]?.offset }
        guard let parent = self[path.parent] else { return nil }
        return parent.valueOffset + parent.value.count
    }
}
