// The two key encodings the household tools read and write (RFC 8410, RFC 7468):
//
//     PrivateKeyInfo  = 30 2E  02 01 00  30 05 06 03 2B 65 70  04 22 04 20 <32-byte seed>         ; PKCS#8 v1
//     OneAsymmetricKey = 30 51 02 01 01  30 05 06 03 2B 65 70  04 22 04 20 <seed>  81 21 00 <32-byte public key>
//     SubjectPublicKeyInfo = 30 2A  30 05 06 03 2B 65 70  03 21 00 <32-byte public key>
//
// Ed25519 keys have one fixed DER layout each, so they are read by comparing prefixes rather than with a general
// ASN.1 parser. `openssl genpkey -algorithm ed25519` writes the v1 form; some tools write the v2 form.

/// PEM armour and the fixed DER layouts of Ed25519 keys.
enum PEM {
    static let privateKeyLabel = "PRIVATE KEY"
    static let publicKeyLabel = "PUBLIC KEY"

    static let pkcs8V1Prefix: [UInt8] = [
        0x30, 0x2E, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]
    static let pkcs8V2Prefix: [UInt8] = [
        0x30, 0x51, 0x02, 0x01, 0x01, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]
    static let pkcs8V2PublicKeyTag: [UInt8] = [0x81, 0x21, 0x00]
    static let spkiPrefix: [UInt8] = [0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70, 0x03, 0x21, 0x00]

    /// The DER inside the first `-----BEGIN label-----` block of `text`.
    static func decode(_ text: String, label: String) throws(ProvenanceError) -> [UInt8] {
        let begin = "-----BEGIN \(label)-----"
        let end = "-----END \(label)-----"
        var inside = false
        var body: [UInt8] = []
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let trimmed = line.trimmingASCIISpaces()
            if trimmed == begin {
                inside = true
            } else if trimmed == end {
                guard inside else { break }
                guard let der = standardBase64Decode(body) else {
                    throw ProvenanceError(code: .invalidKey, message: "the \(label) PEM block is not valid base64")
                }
                return der
            } else if inside {
                body.append(contentsOf: trimmed.utf8)
            }
        }
        throw ProvenanceError(
            code: .invalidKey,
            message: "no complete \"\(begin)\" block found; expected a PEM file such as "
                + "`villageqr household keygen` or `openssl genpkey -algorithm ed25519` writes")
    }

    static func encode(_ der: [UInt8], label: String) -> String {
        let base64 = standardBase64Encode(der)
        var lines = ["-----BEGIN \(label)-----"]
        var rest = Substring(base64)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(64)))
            rest = rest.dropFirst(64)
        }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The 32-byte seed of a PKCS#8 Ed25519 private key, and the public key when the v2 form carries one.
    static func ed25519Seed(fromPKCS8 der: [UInt8]) throws(ProvenanceError) -> (seed: [UInt8], publicKey: [UInt8]?) {
        if der.count == 48 && der.starts(with: pkcs8V1Prefix) {
            return (Array(der[16..<48]), nil)
        }
        if der.count == 83 && der.starts(with: pkcs8V2Prefix) && der[48..<51].elementsEqual(pkcs8V2PublicKeyTag) {
            return (Array(der[16..<48]), Array(der[51..<83]))
        }
        throw ProvenanceError(
            code: .invalidKey,
            message: "the private key is not an Ed25519 PKCS#8 key (OID 1.3.101.112); make one with "
                + "`villageqr household keygen` or `openssl genpkey -algorithm ed25519`")
    }

    static func pkcs8(seed: [UInt8]) -> [UInt8] { pkcs8V1Prefix + seed }

    static func ed25519PublicKey(fromSPKI der: [UInt8]) throws(ProvenanceError) -> [UInt8] {
        guard der.count == 44 && der.starts(with: spkiPrefix) else {
            throw ProvenanceError(
                code: .invalidKey,
                message: "the public key is not an Ed25519 SubjectPublicKeyInfo (OID 1.3.101.112)")
        }
        return Array(der[12..<44])
    }

    static func spki(publicKey: [UInt8]) -> [UInt8] { spkiPrefix + publicKey }

    /// Standard base64 with padding, by way of the base64url alphabet.
    static func standardBase64Decode(_ text: [UInt8]) -> [UInt8]? {
        var body = text
        while body.last == UInt8(ascii: "=") { body.removeLast() }
        guard text.count % 4 == 0, text.count - body.count <= 2 else { return nil }
        if body.contains(UInt8(ascii: "-")) || body.contains(UInt8(ascii: "_")) { return nil }
        let url = body.map {
            $0 == UInt8(ascii: "+") ? UInt8(ascii: "-") : $0 == UInt8(ascii: "/") ? UInt8(ascii: "_") : $0
        }
        return Base64URL.decode(url)
    }

    static func standardBase64Encode(_ bytes: [UInt8]) -> String {
        var text = Base64URL.encode(bytes).map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 }
        while text.count % 4 != 0 { text.append("=") }
        return String(text)
    }
}

extension Substring {
    func trimmingASCIISpaces() -> Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
