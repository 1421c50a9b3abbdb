import ArgumentParser
import EMVQR
import VietQR

/// `villageqr banks`: lists and searches the bank directory.
struct BanksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "banks",
        abstract: "List or search the Vietnamese bank directory.",
        discussion: """
            QUERY matches a BIN, short name, code, vietqr.io code, SWIFT code or words of the bank's name, \
            ignoring case and diacritics: vcb, Vietcombank, 970436, BFTVVNVX and "ngân hàng ngoại thương" all \
            find Vietcombank. Exits 1 when nothing matches.
            """
    )

    @Argument(help: "What to look for; all banks when omitted.")
    var query: String?

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    /// The lines to print.
    func render() -> [String] {
        let banks = BankDirectory.search(query ?? "")
        if json {
            let array: JSONWriter.Value = .array(
                banks.map { bank in
                    .object([
                        ("bin", .string(orNull: bank.bin)), ("shortName", .string(bank.shortName)),
                        ("code", .string(orNull: bank.code)),
                        ("vietqrIoCode", .string(orNull: bank.vietQRIOCode)),
                        ("swiftCode", .string(orNull: bank.swiftCode)),
                        ("name", .string(bank.name)), ("englishName", .string(orNull: bank.englishName)),
                        ("transfers", .string(bank.transfers.rawValue)),
                        ("formerNames", .array(bank.formerNames.map { .string($0) })),
                    ])
                })
            return [JSONWriter.encode(array)]
        }
        guard !banks.isEmpty else { return [] }
        let header = ["BIN", "Bank", "Code", "vietqr.io", "SWIFT", "VietQR", "Name"]
        let rows = banks.map { bank in
            [
                bank.bin ?? "-", bank.shortName, bank.code ?? "-", bank.vietQRIOCode ?? "-", bank.swiftCode ?? "-",
                bank.transfers.rawValue,
                bank.name + (bank.formerNames.isEmpty ? "" : " (formerly \(bank.formerNames[0]))"),
            ]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).map { row in
            row.indices.map { column in
                column == row.count - 1
                    ? row[column] : row[column] + String(repeating: " ", count: widths[column] - row[column].count)
            }.joined(separator: "  ")
        }
    }

    func run() throws {
        let lines = render()
        if lines.isEmpty {
            Stderr.line("no bank matches '\(query ?? "")'")
            throw ExitStatus.failure
        }
        for line in lines { print(line) }
    }
}
