// The hot path: the common case of a well-formed payload with nothing to warn about, in one pass with no calls
// beyond the CRC. Anything else (an error, a warning, a length that runs past the end, non-byte lengths) makes it
// give up, and the full parser (EMVPayload+Parsing.swift) reads the payload again and says exactly what it found.
// Both must agree on every payload the fast path accepts; the fuzz target checks that they do.

extension EMVPayload {
    /// Reads the common case into `nodes`; returns the number of fields, or `nil` to hand over to the full parser.
    ///
    /// Accepts exactly the payloads that the full parser accepts, in either mode, with no warnings and with lengths in
    /// UTF-8 bytes, and records the same fields.
    @inline(__always)
    static func parseCommonCase(
        _ base: UnsafePointer<UInt8>,
        _ count: Int,
        into nodes: UnsafeMutablePointer<EMVNode>
    ) -> Int? {
        let raw = UnsafeRawPointer(base)
        // The shortest payload is 00 02 01 then 63 04 XXXX; the longest is 512 bytes.
        guard count >= 14, count <= maximumLength else { return nil }
        // "0002" "01": the format indicator, first and equal to 01.
        guard raw.loadUnaligned(as: UInt32.self) == UInt32(littleEndian: 0x3230_3030),
            raw.loadUnaligned(fromByteOffset: 4, as: UInt16.self) == UInt16(littleEndian: 0x3130)
        else { return nil }
        nodes.initialize(
            to: EMVNode(
                tag: 0, depth: 0, isTemplate: false, length: 2, header: 0, valueStart: 4, valueEnd: 6, subtreeEnd: 1))
        var k = 1
        var position = 6
        // Every tag so far at this level is at most `highest`: a higher one cannot repeat any of them.
        var highest = 0

        while position < count {
            guard count &- position >= 4, let (tag, length) = header(raw, position) else { return nil }
            let valueStart = position &+ 4
            let valueEnd = valueStart &+ length
            guard valueEnd <= count else { return nil }
            let index = k
            if tag == 63 {
                // The CRC: four uppercase hex digits, last, and equal to the checksum of what comes before. Being
                // last, no other 63 precedes it at this level.
                guard length == 4, valueEnd == count, let stated = upperHex(raw, valueStart),
                    CRC16.update(CRC16.initialValue, base, valueStart) == stated
                else { return nil }
                nodes[index] = EMVNode(
                    tag: 63, depth: 0, isTemplate: false, length: 4, header: position, valueStart: valueStart,
                    valueEnd: valueEnd, subtreeEnd: index &+ 1)
                return index &+ 1
            }
            guard isNew(tag, &highest, nodes, from: 0, to: index) else { return nil }
            let isTemplate = EMVGrammar.isTopLevelTemplate(tag)
            // The full parser warns of a reserved tag.
            guard !EMVGrammar.isReservedTopLevel(tag) else { return nil }
            nodes[index] = EMVNode(
                tag: tag, depth: 0, isTemplate: isTemplate, length: length, header: position,
                valueStart: valueStart, valueEnd: valueEnd, subtreeEnd: index &+ 1)
            k &+= 1
            if isTemplate {
                guard parseChildren(raw, tag, valueStart, valueEnd, nodes, &k) else { return nil }
                nodes[index].subtreeEnd = UInt16(truncatingIfNeeded: k)
            }
            position = valueEnd
        }
        return nil  // no CRC
    }

    /// The children of a top-level template, and of the templates nested one level inside it.
    @inline(__always)
    static func parseChildren(
        _ raw: UnsafeRawPointer,
        _ parentTag: Int,
        _ start: Int,
        _ end: Int,
        _ nodes: UnsafeMutablePointer<EMVNode>,
        _ k: inout Int
    ) -> Bool {
        var position = start
        let first = k
        var highest = -1
        var napas = false
        let isMerchantAccount = parentTag <= 51 || parentTag >= 80
        let reserved = reservedChildren(of: parentTag)
        while position < end {
            guard end &- position >= 4, let (tag, length) = header(raw, position) else { return false }
            let valueStart = position &+ 4
            let valueEnd = valueStart &+ length
            guard valueEnd <= end, !contains(reserved, tag), isNew(tag, &highest, nodes, from: first, to: k) else {
                return false
            }
            var isTemplate = false
            if parentTag == 62 {
                isTemplate = EMVGrammar.isAdditionalDataTemplate(tag)
            } else if isMerchantAccount {
                if tag == 0 {
                    napas = EMVGrammar.childIsTemplate(
                        guid: UnsafeRawBufferPointer(start: raw + valueStart, count: length), child: 1)
                } else {
                    isTemplate = napas && tag == 1
                }
            }
            let index = k
            nodes[index] = EMVNode(
                tag: tag, depth: 1, isTemplate: isTemplate, length: length, header: position,
                valueStart: valueStart, valueEnd: valueEnd, subtreeEnd: index &+ 1)
            k &+= 1
            if isTemplate {
                guard parseGrandchildren(raw, valueStart, valueEnd, nodes, &k) else { return false }
                nodes[index].subtreeEnd = UInt16(truncatingIfNeeded: k)
            }
            position = valueEnd
        }
        return true
    }

    /// The fields of a template nested inside a template: always primitive.
    @inline(__always)
    static func parseGrandchildren(
        _ raw: UnsafeRawPointer,
        _ start: Int,
        _ end: Int,
        _ nodes: UnsafeMutablePointer<EMVNode>,
        _ k: inout Int
    ) -> Bool {
        var position = start
        let first = k
        var highest = -1
        while position < end {
            guard end &- position >= 4, let (tag, length) = header(raw, position) else { return false }
            let valueStart = position &+ 4
            let valueEnd = valueStart &+ length
            guard valueEnd <= end, isNew(tag, &highest, nodes, from: first, to: k) else { return false }
            nodes[k] = EMVNode(
                tag: tag, depth: 2, isTemplate: false, length: length, header: position,
                valueStart: valueStart, valueEnd: valueEnd, subtreeEnd: k &+ 1)
            k &+= 1
            position = valueEnd
        }
        return true
    }

    /// Whether `tag` is new at its level, whose fields so far are `nodes[first..<end]`, and above `highest`.
    ///
    /// Fields almost always come in ascending order, where a tag above the highest so far is new without looking
    /// back. Otherwise the level's fields are read again.
    @inline(__always)
    static func isNew(
        _ tag: Int,
        _ highest: inout Int,
        _ nodes: UnsafeMutablePointer<EMVNode>,
        from first: Int,
        to end: Int
    ) -> Bool {
        if tag > highest {
            highest = tag
            return true
        }
        return !level(nodes, from: first, to: end, contains: tag)
    }

    /// Whether a field with `tag` is among the fields at one level, `nodes[first..<end]`, stepping over their
    /// descendants. Out of line: fields in ascending order never need it.
    @inline(never)
    static func level(_ nodes: UnsafeMutablePointer<EMVNode>, from first: Int, to end: Int, contains tag: Int) -> Bool {
        firstIndex(of: tag, in: nodes, from: first, to: end) != nil
    }

    /// The index of the first field with `tag` among the fields at one level, `nodes[first..<end]`, stepping over
    /// their descendants; `nil` when there is none.
    @inline(__always)
    static func firstIndex(of tag: Int, in nodes: UnsafePointer<EMVNode>, from first: Int, to end: Int) -> Int? {
        var i = first
        while i < end {
            if Int(nodes[i].tag) == tag { return i }
            i = Int(nodes[i].subtreeEnd)
        }
        return nil
    }

    /// The reserved or unknown sub-tags of a template, as a 100-bit set (see `EMVGrammar.isReservedChild`).
    @inline(__always)
    static func reservedChildren(of parent: Int) -> (low: UInt64, high: UInt64) {
        switch parent {
        // 00 and 10–49.
        case 62: return (1 | (((1 << 50) - 1) & ~((1 << 10) - 1)), 0)
        // 03–99.
        case 64: return (~UInt64(0b111), ~UInt64(0))
        default: return (0, 0)
        }
    }

    @inline(__always)
    static func contains(_ set: (low: UInt64, high: UInt64), _ tag: Int) -> Bool {
        let word = tag < 64 ? set.low : set.high
        return (word >> UInt64(truncatingIfNeeded: tag & 63)) & 1 != 0
    }

    /// Reads "IDLL" at `position`; `nil` when any of the four bytes is not an ASCII digit.
    @inline(__always)
    static func header(_ raw: UnsafeRawPointer, _ position: Int) -> (tag: Int, length: Int)? {
        let x = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt32.self)) ^ 0x3030_3030
        // '0'...'9' become 0...9; any other byte keeps a high nibble or exceeds 9, which the +0x76 carry exposes.
        guard (x & 0xF0F0_F0F0) | ((x &+ 0x7676_7676) & 0x8080_8080) == 0 else { return nil }
        // Bytes d0 d1 d2 d3 (first digit lowest): x·10 + x>>8 puts 10·d0+d1 in byte 0 and 10·d2+d3 in byte 2, and no
        // byte carries (each is at most 99).
        let y = x &* 10 &+ (x >> 8)
        return (Int(y & 0xFF), Int((y >> 16) & 0xFF))
    }

    /// Four uppercase hexadecimal digits at `position`, or `nil`.
    @inline(__always)
    static func upperHex(_ raw: UnsafeRawPointer, _ position: Int) -> UInt16? {
        var value: UInt16 = 0
        for i in 0..<4 {
            let c = raw.load(fromByteOffset: position &+ i, as: UInt8.self)
            let digit: UInt8
            if c &- 0x30 < 10 {
                digit = c &- 0x30
            } else if c &- 0x41 < 6 {
                digit = c &- 0x41 &+ 10
            } else {
                return nil
            }
            value = value &<< 4 | UInt16(digit)
        }
        return value
    }
}
