import EMVQR
import Foundation
import Testing

@testable import VietQR

/// Replays the libFuzzer corpus, Fixtures/fuzz/vietqr/, through the fuzz target's checks. An input is a payload
/// without its CRC field, read with the right CRC appended as the target reads it. Every payload EMVQR reads must
/// read as a payment or a typed error in both modes, strict reading must accept exactly the payments lenient reading
/// accepts without a warning, and reading the generic payload must agree with reading the bytes with VietQR's nesting.
@Suite("Fixtures/fuzz/vietqr")
struct FuzzCorpusTests {
    static let folder = Fixtures.folder.deletingLastPathComponent().appendingPathComponent("fuzz/vietqr")
    static let inputs: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()

    /// The payload the fuzz target reads for the input in file `name`: the input, then 63 with the right CRC.
    static func payload(_ name: String) throws -> [UInt8] {
        var bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
        bytes.append(contentsOf: "6304".utf8)
        bytes.append(contentsOf: CRC16.hexDigits(CRC16.checksum(bytes)))
        return bytes
    }

    @Test("Every input the fuzzer kept reads in both modes, generically and with VietQR's nesting alike")
    func replay() throws {
        try #require(Self.inputs.count >= 50)
        var taken = 0
        var read = 0
        for name in Self.inputs {
            guard let emv = try? EMVPayload(parsing: try Self.payload(name)) else { continue }
            let lenient: VietQRPayload
            do throws(VietQRError) {
                lenient = try VietQRPayload(emv)
            } catch {
                #expect(!error.message.isEmpty, "\(name)")
                #expect((try? VietQRPayload(emv, mode: .strict)) == nil, "\(name)")
                continue
            }
            read += 1
            let warnings = lenient.warnings
            #expect(warnings.isEmpty == !lenient.hasWarnings, "\(name)")
            let strict = try? VietQRPayload(emv, mode: .strict)
            #expect((strict != nil) == warnings.isEmpty, "\(name)")
            #expect(strict == nil || strict?.bankIndex == lenient.bankIndex, "\(name)")
            #expect(lenient.payment.bin == lenient.bin, "\(name)")
            let direct = try? VietQRPayload(parsing: try Self.payload(name)[...])
            #expect(direct?.payment == lenient.payment && direct?.bankIndex == lenient.bankIndex, "\(name)")
            if warnings.isEmpty { taken += 1 }
        }
        // The seeds are real payments, so payments with and without warnings are both exercised.
        #expect(taken > 0)
        #expect(read > taken)
    }
}
