/// Reads payload after payload, reusing its field storage whenever the previous payload is no longer held.
///
/// ``EMVPayload/init(parsing:mode:)-(ArraySlice<UInt8>,_)`` allocates room for a payload's fields each time. A
/// reader keeps that room and, when the payload it returned last has been released, writes the next payload's fields
/// into it: reading a day's log or a scanner's stream allocates once.
///
/// ```swift
/// var reader = EMVReader()
/// for line in lines {
///     let payload = try reader.read(line)
///     total += payload[54].map { Int($0.string) ?? 0 } ?? 0
/// }
/// ```
///
/// A payload that is still held keeps its fields: the reader then allocates afresh.
public struct EMVReader: Sendable {
    /// Room for the largest payload's fields, shared with the payload read last until that payload goes away.
    @usableFromInline var storage: [EMVNode] = []
    /// How deviations are treated.
    public var mode: EMVPayload.ReadingMode
    /// The templates schemes nest inside their merchant account templates; see ``EMVNesting``.
    public var nesting: [EMVNesting]

    /// Makes a reader.
    ///
    /// - Parameters:
    ///   - mode: ``EMVPayload/ReadingMode/lenient`` (the default) or ``EMVPayload/ReadingMode/strict``.
    ///   - nesting: The templates schemes nest, as their modules declare them; none by default.
    public init(mode: EMVPayload.ReadingMode = .lenient, nesting: [EMVNesting] = []) {
        self.mode = mode
        self.nesting = nesting
    }

    /// Parses a payload, as ``EMVPayload/init(parsing:mode:nesting:)`` does.
    ///
    /// Inlined into the caller, so that the references the payload takes (on `bytes` and on the reader's room) meet
    /// the caller's own use of the payload, and the optimizer drops the pairs that cancel.
    ///
    /// - Parameter bytes: The payload.
    /// - Returns: The parsed payload.
    /// - Throws: ``EMVQRError`` naming what is wrong and where.
    @inlinable
    public mutating func read(_ bytes: ArraySlice<UInt8>) throws(EMVQRError) -> EMVPayload {
        try EMVPayload.read(
            bytes, mode: mode, nesting: nesting, into: &storage, capacity: fieldCapacity(forPayloadOf: 512))
    }

    /// Parses a payload held in an array.
    ///
    /// - Parameter bytes: The payload.
    /// - Returns: The parsed payload.
    /// - Throws: ``EMVQRError`` naming what is wrong and where.
    public mutating func read(_ bytes: [UInt8]) throws(EMVQRError) -> EMVPayload {
        try read(bytes[...])
    }
}
