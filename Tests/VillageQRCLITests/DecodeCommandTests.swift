import Foundation
import Testing

@Suite("villageqr decode")
struct DecodeCommandTests {
    static let p121 =
        "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA"
        + "53037045405500005802VN62140810Thanh toan6304AE7E"

    @Test("A valid payload prints its field tree and verdict, and exits 0")
    func valid() throws {
        let result = try ToolRunner.run(["decode", Self.p121])
        #expect(result.status == 0)
        #expect(result.stdout.contains("38 Merchant account (VietQR)"))
        #expect(result.stdout.contains("› 00 Acquirer BIN  970436"))
        #expect(result.stdout.contains("✓ valid VietQR payload"))
    }

    @Test("A CRC mismatch exits 1 and puts a caret under the CRC")
    func mismatch() throws {
        let bad = String(Self.p121.dropLast()) + "F"
        let result = try ToolRunner.run(["decode", bad])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        let caret = try #require(lines.last)
        let shown = lines[lines.count - 2]
        let column = caret.distance(from: caret.startIndex, to: try #require(caret.firstIndex(of: "^")))
        #expect(Array(shown)[column] == "A")  // the first digit of "AE7F"
        #expect(result.stdout.contains("crcMismatch"))
    }

    @Test("--json writes one object per line with the documented keys")
    func json() throws {
        let input = Data((Self.p121 + "\n\n" + "hello\n").utf8)
        let result = try ToolRunner.run(["decode", "--json", "-"], stdin: input)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let objects = try lines.map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects[0]["valid"] as? Bool == true)
        #expect(objects[0]["scheme"] as? String == "VietQR")
        #expect(objects[0]["schemes"] as? [String] == ["VietQR"])
        let fields = try #require(objects[0]["fields"] as? [[String: Any]])
        #expect(fields.map { $0["tag"] as? String } == ["00", "01", "38", "53", "54", "58", "62", "63"])
        let account = try #require(fields[2]["children"] as? [[String: Any]])
        #expect(account[1]["offset"] as? Int == 30)
        #expect(objects[1]["valid"] as? Bool == false)
        let error = try #require((objects[1]["errors"] as? [[String: Any]])?.first)
        #expect(error["code"] as? String == "emptyPayload")
        let error2 = try #require((objects[2]["errors"] as? [[String: Any]])?.first)
        #expect(error2["code"] as? String == "truncatedHeader" || error2["code"] as? String == "invalidDigit")
        #expect(error2["offset"] as? Int == 0)
    }

    @Test("--strict turns a lowercase CRC into an error")
    func strict() throws {
        let lower = String(Self.p121.dropLast(4)) + "ae7e"
        #expect(try ToolRunner.run(["decode", lower]).status == 0)
        let strict = try ToolRunner.run(["decode", "--strict", "--json", lower])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("\"lowercaseCRC\""))
    }

    @Test("Binary garbage and a 10 MB line do not crash it")
    func garbage() throws {
        var bytes = [UInt8](repeating: 0, count: 10_000_000)
        var state: UInt64 = 88172645463325252
        for i in bytes.indices {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            bytes[i] = UInt8(truncatingIfNeeded: state) | 1  // odd bytes only, so never a newline: one 10 MB line
        }
        let result = try ToolRunner.run(["decode", "--json", "-"], stdin: Data(bytes))
        #expect(result.status == 1)
        #expect(!result.stdout.isEmpty)
    }

    @Test("A usage error exits 64")
    func usage() throws {
        #expect(try ToolRunner.run(["decode"]).status == 64)
        #expect(try ToolRunner.run(["decode", "--no-such-flag", "x"]).status == 64)
    }
}
