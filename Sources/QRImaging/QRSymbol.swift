/// A point in an image, in pixels, origin at the top left.
public struct QRPoint: Hashable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// One QR code found in an image.
public struct QRSymbol: Hashable, Sendable {
    /// The bytes the code carries, as libzbar decodes them (ECI designators are not part of them). They are exact,
    /// except that libzbar converts data under some ECI designators to UTF-8 itself: ECI 20 (Shift_JIS) among them,
    /// while ECI 3 (ISO-8859-1) and ECI 26 (UTF-8) data arrive as they are.
    public let bytes: [UInt8]
    /// The corners of the code in the image, as the reader located them; in the coordinates of the image that was
    /// passed in (for a file, the full-size image after EXIF orientation).
    public let corners: [QRPoint]

    /// For a part, or parts, of a structured-append group: what the reader saw of the group. ``bytes`` are then the
    /// parts' data in order, without any header.
    public let structuredAppend: QRStructuredAppend?

    /// A code with its bytes, its corners and, for a structured-append part, what was read of its group.
    public init(bytes: [UInt8], corners: [QRPoint], structuredAppend: QRStructuredAppend? = nil) {
        self.bytes = bytes
        self.corners = corners
        self.structuredAppend = structuredAppend
    }
}

/// What the reader saw of a structured-append group (ISO/IEC 18004 §8, up to 16 symbols carrying one message).
///
/// libzbar joins the parts it finds in one image into one symbol, in order, and reports no part's index or the group's
/// size; so those are known only for a complete group (``count``, ``partIndices``). `complete` holds when it found
/// every part.
public struct QRStructuredAppend: Hashable, Sendable {
    /// How many of the group's parts were read.
    public let partsFound: Int
    /// Whether every part of the group was read, so that the bytes are the whole message.
    public let complete: Bool

    /// The number of symbols in the group, when every part was read; `nil` for an incomplete group, whose size libzbar
    /// does not report.
    public var count: Int? { complete && partsFound > 0 ? partsFound : nil }

    /// The position of each part read in its group, numbered from 1 as in "part 2 of 4" (the symbol sequence indicator
    /// of its header plus one), in the order of ``QRSymbol/bytes``: `1...count` for a complete group, whose parts
    /// libzbar joins in order. `nil` for an incomplete group, since libzbar reports no part's position and only the
    /// parts found are in its output.
    public var partIndices: [Int]? { count.map { Array(1...$0) } }

    /// What a reader saw of a group: `partsFound` parts read, `complete` when they are all of them.
    public init(partsFound: Int, complete: Bool) {
        self.partsFound = partsFound
        self.complete = complete
    }
}
