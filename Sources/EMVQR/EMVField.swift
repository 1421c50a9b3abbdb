/// One field of a parsed payload: a view into ``EMVPayload``'s bytes, not a copy.
public struct EMVField: Sendable {
    let payload: EMVPayload
    let index: Int

    init(payload: EMVPayload, index: Int) {
        self.payload = payload
        self.index = index
    }

    var node: EMVNode { payload.nodes[index] }

    /// The ID, 0–99.
    public var tag: Int { node.tag }

    /// The byte offset of the field's ID in the payload.
    public var offset: Int { node.headerOffset }

    /// The byte offset of the field's value in the payload.
    public var valueOffset: Int { node.valueStart }

    /// The length as written in the payload, in its ``EMVPayload/lengthUnit``.
    public var length: Int { node.declaredLength(at: index, characterLengths: payload.notes?.characterLengths) }

    /// How many levels of templates enclose the field; 0 at the top level.
    public var depth: Int { node.depth }

    /// The value's bytes, a slice of the payload.
    public var value: ArraySlice<UInt8> { node.value(in: payload.bytes) }

    /// The value decoded as UTF-8 (ill-formed sequences become U+FFFD).
    public var string: String { String(decoding: value, as: UTF8.self) }

    /// Whether the grammar reads this field's value as nested fields.
    public var isTemplate: Bool { node.isTemplate }

    /// The nested fields of a template; empty for a primitive.
    public var children: Children {
        Children(payload: payload, startIndex: index + 1, endIndex: node.subtreeEnd)
    }

    /// The first child with `tag`, if any.
    public subscript(tag: Int) -> EMVField? {
        children.first { $0.tag == tag }
    }

    /// The tags from the top level down to this field, for example `62.08`.
    public var path: TagPath {
        var tags = [tag]
        var depth = self.depth
        var i = index
        while depth > 0 {
            i -= 1
            let n = payload.nodes[i]
            if n.depth == depth - 1 {
                tags.append(n.tag)
                depth -= 1
            }
        }
        var path = TagPath()
        for tag in tags.reversed() { path = path.appending(tag) }
        return path
    }

    func write(into out: inout [UInt8]) {
        let node = self.node
        let tag = UInt8(node.tag)
        let length = UInt8(self.length)
        out.append(0x30 + tag / 10)
        out.append(0x30 + tag % 10)
        out.append(0x30 + length / 10)
        out.append(0x30 + length % 10)
        if node.isTemplate {
            for child in children { child.write(into: &out) }
        } else {
            out.append(contentsOf: value)
        }
    }

    /// The fields nested in a template, or the top-level fields of a payload.
    public struct Children: Collection, Sendable {
        let payload: EMVPayload
        public let startIndex: Int
        public let endIndex: Int

        public func index(after i: Int) -> Int {
            payload.nodes[i].subtreeEnd
        }

        public subscript(position: Int) -> EMVField {
            EMVField(payload: payload, index: position)
        }
    }
}
