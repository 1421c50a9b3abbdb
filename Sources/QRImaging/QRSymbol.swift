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
    /// The exact bytes the code carries (ECI designators are not part of them).
    public let bytes: [UInt8]
    /// The corners of the code in the image, as the reader located them; in the coordinates of the image that was
    /// passed in (for a file, the full-size image after EXIF orientation).
    public let corners: [QRPoint]

    public init(bytes: [UInt8], corners: [QRPoint]) {
        self.bytes = bytes
        self.corners = corners
    }

    /// The bytes as text when they are valid UTF-8, else `nil`.
    public var text: String? { String(validating: bytes, as: UTF8.self) }
}
