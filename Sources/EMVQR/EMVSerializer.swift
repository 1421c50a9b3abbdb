/// Builds a payload field by field and closes it with the CRC.
///
/// Lengths are written in UTF-8 bytes. Templates are built with a closure that receives a serializer of their own:
///
/// ```swift
/// var serializer = EMVSerializer()
/// try serializer.appendPrimitive(tag: 0, "01")
/// try serializer.appendPrimitive(tag: 1, "12")
/// try serializer.appendTemplate(tag: 38) { account in
///     try account.appendPrimitive(tag: 0, "A000000727")
///     try account.appendTemplate(tag: 1) { beneficiary in
///         try beneficiary.appendPrimitive(tag: 0, "970436")
///         try beneficiary.appendPrimitive(tag: 1, "0011001234567")
///     }
///     try account.appendPrimitive(tag: 2, "QRIBFTTA")
/// }
/// try serializer.appendPrimitive(tag: 53, "704")
/// try serializer.appendPrimitive(tag: 58, "VN")
/// let payload: [UInt8] = try serializer.finalize()   // ends in "6304" and four uppercase hex digits
/// ```
public struct EMVSerializer: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]
    /// The template this serializer writes into; the root for a whole payload.
    public let path: TagPath

    /// Starts an empty payload.
    public init() {
        self.bytes = []
        self.bytes.reserveCapacity(EMVPayload.maximumLength)
        self.path = .root
    }

    init(path: TagPath) {
        self.bytes = []
        self.path = path
    }

    /// Appends a primitive field.
    ///
    /// - Parameters:
    ///   - tag: The ID, 0–99.
    ///   - value: The value's bytes; at most 99.
    /// - Throws: ``EMVQRError/Code/tagOutOfRange``, ``EMVQRError/Code/valueTooLong``, or
    ///   ``EMVQRError/Code/reservedForSerializer`` for tag 63 at the top level.
    public mutating func appendPrimitive<Value: Collection>(tag: Int, _ value: Value) throws(EMVQRError)
    where Value.Element == UInt8 {
        let fieldPath = try checkTag(tag)
        try appendField(tag: tag, path: fieldPath, value)
    }

    /// Appends a primitive field holding a string's UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - tag: The ID, 0–99.
    ///   - value: The value; at most 99 UTF-8 bytes.
    /// - Throws: As ``appendPrimitive(tag:_:)-(Int,Value)``.
    public mutating func appendPrimitive(tag: Int, _ value: String) throws(EMVQRError) {
        try appendPrimitive(tag: tag, Array(value.utf8))
    }

    /// Appends a template whose children `body` writes.
    ///
    /// - Parameters:
    ///   - tag: The ID, 0–99.
    ///   - body: Writes the children into the serializer it is given.
    /// - Throws: What `body` throws (an ``EMVQRError`` from a nested append), or an ``EMVQRError`` with
    ///   ``EMVQRError/Code/tagOutOfRange`` or ``EMVQRError/Code/valueTooLong`` when the children exceed 99 bytes.
    public mutating func appendTemplate(
        tag: Int,
        _ body: (inout EMVSerializer) throws -> Void
    ) throws {
        let fieldPath = try checkTag(tag)
        var child = EMVSerializer(path: fieldPath)
        try body(&child)
        try appendField(tag: tag, path: fieldPath, child.bytes)
    }

    /// Appends a parsed field exactly as it was read, children and unknown content included.
    ///
    /// - Parameter field: A field of a parsed ``EMVPayload``.
    public mutating func append(_ field: EMVField) {
        field.write(into: &bytes)
    }

    /// Closes the payload with tag 63 and its CRC, and returns it.
    ///
    /// - Returns: The payload's bytes, ending in `6304` and four uppercase hexadecimal digits.
    /// - Throws: ``EMVQRError/Code/oversizedPayload`` when the result exceeds 512 bytes.
    public func finalize() throws(EMVQRError) -> [UInt8] {
        var out = bytes
        out.append(contentsOf: [0x36, 0x33, 0x30, 0x34])  // "6304"
        out.append(contentsOf: CRC16.hexDigits(CRC16.checksum(out)))
        guard out.count <= EMVPayload.maximumLength else {
            throw EMVQRError(
                code: .oversizedPayload, offset: EMVPayload.maximumLength, path: .root,
                message: "the payload would be \(out.count) bytes long; the EMVCo maximum is "
                    + "\(EMVPayload.maximumLength)")
        }
        return out
    }

    private func checkTag(_ tag: Int) throws(EMVQRError) -> TagPath {
        guard tag >= 0 && tag <= 99 else {
            throw EMVQRError(
                code: .tagOutOfRange, offset: bytes.count, path: path,
                message: "tag \(tag) is outside 00–99")
        }
        if tag == 63 && path.count == 0 {
            throw EMVQRError(
                code: .reservedForSerializer, offset: bytes.count, path: TagPath(63),
                message: "tag 63 holds the CRC; finalize() writes it")
        }
        return path.appending(tag)
    }

    private mutating func appendField<Value: Collection>(
        tag: Int,
        path fieldPath: TagPath,
        _ value: Value
    ) throws(EMVQRError) where Value.Element == UInt8 {
        let length = value.count
        guard length <= 99 else {
            throw EMVQRError(
                code: .valueTooLong, offset: bytes.count, path: fieldPath,
                message: "tag \(fieldPath): the value is \(length) bytes long; a field holds at most 99")
        }
        bytes.append(0x30 + UInt8(tag / 10))
        bytes.append(0x30 + UInt8(tag % 10))
        bytes.append(0x30 + UInt8(length / 10))
        bytes.append(0x30 + UInt8(length % 10))
        bytes.append(contentsOf: value)
    }
}
