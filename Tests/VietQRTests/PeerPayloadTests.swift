import Testing
import VietQR

/// Payloads built by independent implementations (vietnam-qr-pay and napas-qr-python from PyPI) must read the
/// same here. Fixtures/VietQR/peers.tsv and the script that makes it: scripts/check-vietqr-peers.py.
@Suite struct PeerPayloadTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let peer, payload, bin, account: String
        let amount, purpose: String?
        var testDescription: String { "\(peer): \(payload)" }
    }

    static let rows: [Row] = Fixtures.rows("peers.tsv").map { f in
        Row(
            peer: f[0], payload: f[1], bin: f[2], account: f[3], amount: f[4].isEmpty ? nil : f[4],
            purpose: f[5].isEmpty ? nil : f[5])
    }

    @Test func bothPeersAreThere() {
        #expect(Set(Self.rows.map(\.peer)) == ["vietnam-qr-pay", "napas-qr-python"])
        #expect(Self.rows.count >= 100)
    }

    @Test(arguments: rows)
    func readsTheSame(_ row: Row) throws {
        let code = try VietQRPayload(parsing: row.payload)
        expectFields(code, bin: row.bin, account: row.account, amount: row.amount, purpose: row.purpose)
        #expect(code.initiation == (row.amount == nil ? .static : .dynamic))
        // Both peers write fields in NAPAS order: our builder makes the same bytes from what we read.
        #expect(try code.payment.build().text == row.payload)
    }
}
