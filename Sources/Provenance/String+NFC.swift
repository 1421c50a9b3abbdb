// Unicode normalization is the one thing here the standard library does not offer publicly; Foundation's
// `precomposedStringWithCanonicalMapping` is NFC.
import Foundation

extension String {
    /// The text in Unicode Normalization Form C, so that the NFD some phones and keyboards produce ("e" + U+0302 +
    /// U+0301) encodes to the same bytes as the precomposed form ("ế").
    package var nfc: String {
        // Pure ASCII is already NFC; skip the bridge on the common path.
        utf8.allSatisfy { $0 < 0x80 } ? self : precomposedStringWithCanonicalMapping
    }
}
