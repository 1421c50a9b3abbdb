import Provenance
import Testing

@Suite struct Ed25519VectorTests {
    struct Vector: CustomTestStringConvertible, Sendable {
        let secret: [UInt8]
        let publicKey: [UInt8]
        let message: [UInt8]
        let signature: [UInt8]
        var testDescription: String { "message of \(message.count) byte(s)" }
    }

    static let vectors: [Vector] = {
        guard let text = try? fixtureText("rfc8032-ed25519.txt") else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: " ")
            return Vector(secret: hex(f[0]), publicKey: hex(f[1]), message: hex(f[2]), signature: hex(f[3]))
        }
    }()

    @Test func vectorsAreLoaded() {
        #expect(Self.vectors.count == 3)
    }

    @Test(arguments: vectors)
    func publicKeyFromSecret(_ vector: Vector) throws {
        let key = try HouseholdSigningKey(seed: vector.secret)
        #expect(key.publicKey.rawRepresentation == vector.publicKey)
    }

    @Test(arguments: vectors)
    func rfcSignatureVerifies(_ vector: Vector) throws {
        let publicKey = try HouseholdPublicKey(rawRepresentation: vector.publicKey)
        #expect(publicKey.isValidSignature(vector.signature, for: vector.message[...]))
        var flipped = vector.signature
        flipped[0] ^= 1
        #expect(!publicKey.isValidSignature(flipped, for: vector.message[...]))
        #expect(!publicKey.isValidSignature(vector.signature, for: (vector.message + [0])[...]))
    }

    /// swift-crypto's signatures are randomised, so they are verified, not compared.
    @Test(arguments: vectors)
    func ourSignatureVerifies(_ vector: Vector) throws {
        let key = try HouseholdSigningKey(seed: vector.secret)
        let signature = try key.signature(for: vector.message)
        #expect(signature.count == 64)
        let publicKey = try HouseholdPublicKey(rawRepresentation: vector.publicKey)
        #expect(publicKey.isValidSignature(signature, for: vector.message[...]))
    }
}
