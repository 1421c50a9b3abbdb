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
    // Mutated only through `read`, and handed to a payload only when no other payload holds it.
    nonisolated(unsafe) private var storage: EMVNodeStorage?
    /// How deviations are treated.
    public var mode: EMVPayload.ReadingMode

    /// Makes a reader.
    ///
    /// - Parameter mode: ``EMVPayload/ReadingMode/lenient`` (the default) or ``EMVPayload/ReadingMode/strict``.
    public init(mode: EMVPayload.ReadingMode = .lenient) {
        self.mode = mode
    }

    /// Parses a payload, as ``EMVPayload/init(parsing:mode:)-(ArraySlice<UInt8>,_)`` does.
    ///
    /// - Parameter bytes: The payload.
    /// - Returns: The parsed payload.
    /// - Throws: ``EMVQRError`` naming what is wrong and where.
    public mutating func read(_ bytes: ArraySlice<UInt8>) throws(EMVQRError) -> EMVPayload {
        let needed = EMVNodeStorage.capacity(forPayloadOf: min(bytes.count, EMVPayload.maximumLength))
        if storage == nil || !isKnownUniquelyReferenced(&storage!) || storage!.requestedCapacity < needed {
            storage = EMVNodeStorage.make(capacity: EMVNodeStorage.capacity(forPayloadOf: EMVPayload.maximumLength))
        }
        return try EMVPayload.read(bytes, mode: mode, into: storage)
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
