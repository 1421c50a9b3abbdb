/// A payload's bytes, with the tests validation runs on a field's value.
///
/// The tests read a value eight bytes at a time and test all eight at once ("SWAR", SIMD within a register): each
/// byte is a lane of a 64-bit word, and a class test leaves 0x80 in the lanes whose byte is in the class. A
/// 13-character account takes two such steps instead of thirteen.
struct PayloadBytes {
    typealias Span = FieldIndex.Span

    let buffer: UnsafeBufferPointer<UInt8>

    /// A value's bytes.
    @inline(__always)
    subscript(span: Span) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer[Int(span.start)..<Int(span.end)])
    }

    /// A value as text, for messages.
    func text(_ span: Span) -> String {
        String(decoding: self[span], as: UTF8.self)
    }

    // MARK: Byte classes

    /// Whether every byte is an ASCII digit.
    @inline(__always)
    func isDigits(_ span: Span) -> Bool {
        allSatisfy(span) { Lanes.inRange($0, 0x30, 0x39) }
    }

    /// Whether every byte is an ASCII letter or digit.
    @inline(__always)
    func isAlphanumeric(_ span: Span) -> Bool {
        allSatisfy(span) { Lanes.inRange($0, 0x30, 0x39) | Lanes.inRange($0 | Lanes.repeating(0x20), 0x61, 0x7A) }
    }

    /// Whether every byte is a lowercase ASCII letter.
    @inline(__always)
    func isLowercaseLetters(_ span: Span) -> Bool {
        allSatisfy(span) { Lanes.inRange($0, 0x61, 0x7A) }
    }

    /// Whether every byte is printable ASCII, space to tilde.
    @inline(__always)
    func isPrintableASCII(_ span: Span) -> Bool {
        allSatisfy(span) { Lanes.inRange($0, 0x20, 0x7E) }
    }

    /// What an amount is (EMVCo 4.7.3, as `VietQRAmount.Form` names the cases).
    enum AmountForm: Equatable {
        /// Not an EMVCo amount: a digit first, then digits with at most one ".", within the limit.
        case malformed
        /// A whole number of dong: digits only, from 1, without a leading zero.
        case whole
        /// Zero, such as "0" or "0.00".
        case zero
        /// Well-formed but not whole dong, kept as written: "1234.5", "050000".
        case fractional
    }

    /// The form of the amount at `span`, within `limit` characters: one pass, word by word.
    @inline(__always)
    func amountForm(_ span: Span, limit: Int) -> AmountForm {
        let count = span.count
        guard count >= 1, count <= limit else { return .malformed }
        if count <= 8 {
            // Every test on the one word at once; amounts are this short in practice.
            let word = loadShort(Int(span.start), count)
            let inSpan = Lanes.high >> (64 - 8 * count)
            let digits = Lanes.inRange(word, 0x30, 0x39) & inSpan
            let dot = Lanes.inRange(word, 0x2E, 0x2E) & inSpan
            guard digits & 0x80 != 0, digits | dot == inSpan, dot & (dot &- 1) == 0 else { return .malformed }
            if Lanes.inRange(word, 0x31, 0x39) & inSpan == 0 { return .zero }
            return dot == 0 && word & 0xFF != 0x30 ? .whole : .fractional
        }
        return longAmountForm(span)
    }

    /// ``amountForm(_:limit:)`` past eight characters, word by word; kept out of line, since it is rare.
    @inline(never)
    private func longAmountForm(_ span: Span) -> AmountForm {
        let first = buffer[Int(span.start)]
        guard first &- 0x30 < 10 else { return .malformed }
        var sawDot = false
        var sawNonZero = false
        let wellFormed = forEachWord(span) { word, inSpan in
            let digits = Lanes.inRange(word, 0x30, 0x39)
            let dot = Lanes.inRange(word, 0x2E, 0x2E) & inSpan
            if dot != 0 {
                // One "." in all: none in an earlier word, one lane in this one.
                guard !sawDot, dot & (dot &- 1) == 0 else { return false }
                sawDot = true
            }
            sawNonZero = sawNonZero || Lanes.inRange(word, 0x31, 0x39) & inSpan != 0
            return (digits | dot) & inSpan == inSpan
        }
        guard wellFormed else { return .malformed }
        guard sawNonZero else { return .zero }
        return !sawDot && first != 0x30 ? .whole : .fractional
    }

    /// Characters counted as Unicode scalars: every byte that does not continue a UTF-8 sequence.
    func characterCount(_ span: Span) -> Int {
        self[span].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// Whether the value is up to three of "A", "M" and "E", each at most once (62.09, EMVCo 4.8.9).
    @inline(__always)
    func isConsumerDataRequest(_ span: Span) -> Bool {
        guard span.count <= 3 else { return false }
        var seen: UInt8 = 0
        for byte in self[span] {
            let bit: UInt8 = byte == 0x41 ? 1 : byte == 0x4D ? 2 : byte == 0x45 ? 4 : 0
            guard bit != 0, seen & bit == 0 else { return false }
            seen |= bit
        }
        return true
    }

    // MARK: Comparison

    /// Whether the value is `literal`, of at most eight bytes: one comparison of words. Inlined, the literal's word
    /// is a constant.
    @inline(__always)
    func equals(_ span: Span, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard span.count == count, count <= 8 else { return false }
        var expected: UInt64 = 0
        for i in 0..<count { expected |= UInt64(literal.utf8Start[i]) &<< UInt64(8 &* i) }
        return shortWord(span) == expected
    }

    /// The value's bytes in one word, first byte lowest and the unused lanes zero; past eight bytes, the first eight.
    ///
    /// One load for a value followed by at least eight bytes, as every value but tag 63's is.
    @inline(__always)
    func shortWord(_ span: Span) -> UInt64 {
        let count = span.count
        let mask: UInt64 = count >= 8 ? ~0 : (1 &<< UInt64(8 &* count)) &- 1
        return loadShort(Int(span.start), min(count, 8)) & mask
    }

    /// A value of exactly six digits as a number, or `nil`: the six digits are tested and converted in one word.
    @inline(__always)
    func sixDigits(_ span: Span) -> UInt32? {
        guard span.count == 6 else { return nil }
        let six: UInt64 = 0x8080_8080_8080
        let word = loadShort(Int(span.start), 6) & 0xFFFF_FFFF_FFFF
        guard Lanes.inRange(word, 0x30, 0x39) & six == six else { return nil }
        // "00" before the six digits, then pairs, fours and eights of digits combined, first digit highest.
        var value = (word &<< 16 | 0x3030) &- Lanes.repeating(0x30)
        value = (value &* 10 &+ value &>> 8) & 0x00FF_00FF_00FF_00FF
        value = (value &* 100 &+ value &>> 16) & 0x0000_FFFF_0000_FFFF
        value = (value &* 10000 &+ value &>> 32) & 0xFFFF_FFFF
        return UInt32(truncatingIfNeeded: value)
    }

    /// Whether the value is NAPAS's GUID, A000000727: a comparison of two words.
    @inline(__always)
    func isNAPASGUID(_ span: Span) -> Bool {
        // "A000000727" as little-endian words: "A0000007" and "27".
        span.count == 10 && load(Int(span.start)) == 0x3730_3030_3030_3041
            && loadShort(Int(span.start) + 8, 2) & 0xFFFF == 0x3732
    }

    /// Whether the value at `span` of `bytes` is NAPAS's GUID.
    static func isNAPASGUID(_ bytes: ArraySlice<UInt8>, _ span: Span) -> Bool {
        span.isPresent && span.end <= bytes.count
            && bytes.withUnsafeBufferPointer { PayloadBytes(buffer: $0).isNAPASGUID(span) }
    }

    // MARK: Words

    /// Whether `lanes` marks every byte of the value.
    ///
    /// A value of eight bytes or more is read in whole words, the last one ending where the value ends and so
    /// overlapping the one before: a byte tested twice does no harm, and no word needs a mask.
    @inline(__always)
    private func allSatisfy(_ span: Span, _ lanes: (UInt64) -> UInt64) -> Bool {
        var offset = Int(span.start)
        let end = Int(span.end)
        let count = end &- offset
        if count <= 8 {
            guard count > 0 else { return true }
            let inSpan = Lanes.high &>> (64 &- 8 &* count)
            return lanes(loadShort(offset, count)) & inSpan == inSpan
        }
        while end &- offset > 16 {
            guard lanes(load(offset)) == Lanes.high else { return false }
            offset &+= 8
        }
        return lanes(load(offset)) & lanes(load(end &- 8)) == Lanes.high
    }

    /// Calls `body` with the value's bytes eight at a time, first byte in the lowest lane, and 0x80 in each lane that
    /// holds one of the value's bytes (the last word may be short). Stops, returning false, when `body` does.
    @inline(__always)
    private func forEachWord(_ span: Span, _ body: (_ word: UInt64, _ inSpan: UInt64) -> Bool) -> Bool {
        var offset = Int(span.start)
        let end = Int(span.end)
        while end - offset >= 8 {
            guard body(load(offset), Lanes.high) else { return false }
            offset += 8
        }
        let rest = end - offset
        guard rest > 0 else { return true }
        return body(loadShort(offset, rest), Lanes.high >> (64 - 8 * rest))
    }

    /// Eight bytes from `offset`.
    @inline(__always)
    private func load(_ offset: Int) -> UInt64 {
        UInt64(
            littleEndian: UnsafeRawPointer(buffer.baseAddress.unsafelyUnwrapped + offset).loadUnaligned(as: UInt64.self)
        )
    }

    /// `count` bytes (1–7) from `offset`, in the low lanes; the other lanes hold whatever follows in the payload.
    @inline(__always)
    private func loadShort(_ offset: Int, _ count: Int) -> UInt64 {
        // Every value but tag 63's is followed by at least the 8 bytes of tag 63, so this takes one load in practice.
        if offset + 8 <= buffer.count { return load(offset) }
        var word: UInt64 = 0
        for i in 0..<count { word |= UInt64(buffer[offset + i]) << (8 * i) }
        return word
    }
}

/// Tests on the eight bytes of a word at once, each exact per byte.
enum Lanes {
    /// 0x80 in every lane.
    static var high: UInt64 { 0x8080_8080_8080_8080 }

    /// `byte` in every lane.
    @inline(__always)
    static func repeating(_ byte: UInt8) -> UInt64 {
        0x0101_0101_0101_0101 &* UInt64(byte)
    }

    /// 0x80 in each lane whose byte is in `low...high` (ASCII bounds), 0 in the others.
    @inline(__always)
    static func inRange(_ word: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
        // Each lane's low seven bits, plus a constant below 0x80: no sum carries into the next lane, and bit 7 of
        // the sum tells whether the byte reached the bound. A byte from 0x80 up is in no ASCII range.
        let seven = word & ~Self.high
        let atLeastLow = seven &+ repeating(0x80 - low)
        let aboveHigh = seven &+ repeating(0x7F - high)
        return atLeastLow & ~aboveHigh & ~word & Self.high
    }
}
