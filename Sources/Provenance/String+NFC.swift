// Unicode normalization is not public API in the standard library, but its NFC (the one `String` comparison uses)
// is exported as `_nfcCodeUnits`. Foundation's `precomposedStringWithCanonicalMapping` lives only in the full
// Foundation, whose ICU would load at the start of every command; a test checks the two agree.

extension String {
    /// The text in Unicode Normalization Form C, so that the NFD some phones and keyboards produce ("e" + U+0302 +
    /// U+0301) encodes to the same bytes as the precomposed form ("ế").
    package var nfc: String {
        // Pure ASCII is already NFC; skip the normalizer on the common path.
        utf8.allSatisfy { $0 < 0x80 } ? self : String(decoding: _nfcCodeUnits, as: UTF8.self)
    }
}
