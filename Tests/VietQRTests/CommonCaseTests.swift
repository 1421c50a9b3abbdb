import EMVQR
import PropertyBased
import Testing

@testable import VietQR

/// The common case and the full rules must agree on every payload the common case accepts: the same bank, and the
/// same verdict on whether there is anything to warn of.
@Suite("VietQR common case and full rules agree")
struct CommonCaseTests {
    /// P121 of ../shared/bench/payloads.txt: a dynamic transfer with an amount and a purpose, and no 52.
    static let p121 =
        "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA53037045405500005802VN62140810"
        + "Thanh toan6304AE7E"
    /// P220 of ../shared/bench/payloads.txt: 52, a merchant name and city, and four additional-data fields.
    static let p220 =
        "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA52045812530370454061500005802VN5919"
        + "NGUYEN VAN A COFFEE6011HO CHI MINH62660116INV20240601-00420308STORE-170708TERM-0030818Thanh toan hoa don"
        + "63041496"

    /// Compares the two on `text`; returns whether the common case took it.
    @discardableResult
    static func agree(_ text: String) -> Bool {
        guard let emv = try? EMVPayload(parsing: text) else { return false }
        return agree(emv, text)
    }

    /// Compares the two on a parsed payload, named `name` in any failure; returns whether the common case took it.
    @discardableResult
    static func agree(_ emv: EMVPayload, _ name: String) -> Bool {
        guard let common = VietQRPayload.readCommonCase(emv) else { return false }
        var findings = Findings(mode: .flag)
        do throws(VietQRError) {
            let bank = try VietQRPayload.validate(emv, &findings)
            #expect(common.bank == bank, "\(name)")
            #expect(common.warns == findings.found, "\(name)")
        } catch {
            Issue.record("the common case accepted what the full rules refuse (\(error.code)): \(name)")
        }
        return true
    }

    /// `text` with its CRC made right again after an edit.
    static func recrc(_ covered: String) -> String {
        let bytes = Array((covered + "6304").utf8)
        return covered + "6304" + CRC16.hexString(CRC16.checksum(bytes))
    }

    static var published: [String] {
        ValidVector.all.map(\.payload) + InvalidVector.all.map(\.payload) + PeerPayloadTests.rows.map(\.payload)
    }

    @Test("On every published and peer payload")
    func fixtures() {
        var taken = 0
        for payload in Self.published where Self.agree(payload) { taken += 1 }
        // Most real payments have the usual shape; the common case must not be a path nothing takes.
        #expect(taken > Self.published.count / 2)
    }

    @Test("The benchmark payment and the test payment take the common case")
    func usualShape() throws {
        #expect(Self.agree(Self.p121))
        #expect(Self.agree(Self.p220))
        #expect(try VietQRPayload.readCommonCase(EMVPayload(parsing: Self.p220))?.warns == false)
        #expect(Self.agree(TestPayload.base.text))
        for service in ["QRIBFTTC", "QRPUSH", "QRCASH"] {
            #expect(Self.agree(TestPayload.base.setting(TagPath(38, 2), service).text), "\(service)")
        }
        // A dynamic cash code needs no amount (NAPAS's own QRCASH examples have none).
        let cash = TestPayload.base.setting(TagPath(38, 2), "QRCASH").removing(TagPath(54)).text
        #expect(Self.agree(cash))
        #expect(try VietQRPayload.readCommonCase(EMVPayload(parsing: cash))?.warns == false)
        let emv = try EMVPayload(parsing: Self.p121)
        #expect(VietQRPayload.readCommonCase(emv)?.warns == true)  // 52 is absent
        #expect(try VietQRPayload(emv).warnings.map(\.code) == [.merchantCategoryAbsent])
        #expect(throws: VietQRError.self) { try VietQRPayload(emv, mode: .strict) }
    }

    @Test(
        "On each rule's field, changed or removed",
        arguments: [
            ("01", ["11", "12", "13", ""]), ("38.00", ["A000000727", "A000000728", "a000000727"]),
            ("38.01.00", ["970436", "97043", "97043A", "999999", "546034"]),
            ("38.01.01", ["0011001234567", "00110012345678901234", "0011-001", "A"]),
            ("38.02", ["QRIBFTTA", "QRIBFTTC", "QRPUSH", "QRCASH", "QRFOO", "qrpush", "QRCASH\u{0}\u{0}"]),
            ("52", ["5411", "541", "54A1"]), ("53", ["704", "764"]), ("54", ["50000", "0", "1.5", "1..5", "1e5", ""]),
            ("55", ["01", "02", "04"]), ("58", ["VN", "TH"]),
            ("59", ["CHO LANG", "CHO LANG THON 9 SON TRUONG", "Chợ"]),
            ("60", ["HA NOI", "THANH PHO HA TINH"]), ("61", ["480000", "48000000000"]),
            ("62.01", ["HD001", "Hóa đơn"]), ("62.08", ["Mua rau", "Mua rau cai va rau muong cho nha hang"]),
            ("62.10", ["X"]), ("62.50", ["X"]), ("26", ["0010A000000775"]),
            ("64", ["0002vi0103Chợ", "0002VI0103abc", "0002vi"]),
            ("80", ["X"]), ("20", ["X"]),
        ])
    func rules(_ path: String, _ values: [String]) {
        let path = TagPath(path)!
        for value in values {
            let edited =
                value.isEmpty ? TestPayload.base.removing(path) : TestPayload.base.setting(path, value)
            Self.agree(edited.text)
            Self.agree(edited.setting(TagPath(1), "11").text)
            Self.agree(edited.removing(TagPath(54)).text)
            Self.agree(edited.removing(TagPath(52)).text)
        }
    }

    @Test("On mutations of the published payloads, with the CRC made right")
    func mutations() async {
        let seeds = Self.published.filter { (try? VietQRPayload(parsing: $0)) != nil }.map {
            Array($0.utf8.dropLast(8))
        }
        let mutation = zip(Gen.int(in: 0..<seeds.count), Gen.int(in: 0...4096), Gen.int(in: 0x20...0x7E))
        await propertyCheck(count: 3000, input: mutation) { seed, where_, byte in
            var bytes = seeds[seed]
            bytes[where_ % bytes.count] = UInt8(byte)
            Self.agree(Self.recrc(String(decoding: bytes, as: UTF8.self)))
        }
    }
}
