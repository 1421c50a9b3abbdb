import ArgumentParser
import EMVQR
import Foundation
import Testing
import VietQR

@testable import VillageQRCLI

@Suite struct PayCommandTests {
    func render(_ arguments: [String]) throws -> (output: String, report: [String]) {
        let rendered = try PayCommand.parse(arguments).render()
        return (rendered.output, rendered.report)
    }

    @Test("-o writes a PNG that scans back to the payload, and will not overwrite it without --force")
    func writesAnImage() throws {
        try withScratchFolder { folder in
            let png = folder.appendingPathComponent("counter.png").path
            let arguments = ["pay", "--bank", "VCB", "--account", "0011001234567", "--amount", "50000", "-o", png]
            let first = try ToolRunner.run(arguments)
            #expect(first.status == 0)
            let payload = first.stdout.trimmingCharacters(in: .newlines)
            let scan = try ToolRunner.run(["scan", "--json", png])
            #expect(scan.status == 0)
            #expect(scan.stdout.contains("\"text\":\"\(payload)\""))
            let before = try Data(contentsOf: URL(fileURLWithPath: png))
            let again = try ToolRunner.run(arguments.dropLast(2) + ["--amount", "1", "-o", png])
            #expect(again.status == 73)
            #expect(again.stdout.isEmpty)
            #expect(try Data(contentsOf: URL(fileURLWithPath: png)) == before)
        }
    }

    @Test(arguments: ["VCB", "vietcombank", "970436", "BFTVVNVX"])
    func makesAStaticCounterCode(_ bank: String) throws {
        let (output, _) = try render(["--bank", bank, "--account", "0011001234567"])
        let code = try VietQRPayload(parsing: output)
        #expect(code.bin == BankDirectory.lookup("Vietcombank")?.bin)
        #expect(code.account == "0011001234567")
        #expect(code.initiation == .static)
        #expect(code.amount == nil)
    }

    @Test func makesADynamicCodeAndReportsFoldsAndWarnings() throws {
        let (output, report) = try render([
            "--bank", "ACB", "--account", "123456", "--amount", "50000", "--purpose", "Mua rau cải",
            "--bill", "HD7", "--merchant-name", "Chợ Làng", "--city", "Hà Nội",
        ])
        let payment = try VietQRPayload(parsing: output).payment
        #expect(payment.resolvedInitiation == .dynamic)
        #expect(payment.amount == "50000")
        #expect(payment.additionalData.purpose == "Mua rau cai")
        #expect(payment.additionalData.billNumber == "HD7")
        #expect(report.filter { $0.hasPrefix("folded ") }.count == 3)
        // A transfer code leaves the merchant category out on purpose: nothing to warn of.
        #expect(!report.contains { $0.hasPrefix("warning") })
    }

    @Test func cardServiceAndExplicitInitiation() throws {
        let (output, report) = try render([
            "--bank", "970436", "--account", "9704368625581601018", "--service", "card", "--static", "--amount", "1000",
        ])
        let code = try VietQRPayload(parsing: output)
        #expect(code.service == .cardTransfer)
        #expect(code.initiation == .static)
        #expect(report.contains { $0.contains("staticWithAmount") })
    }

    @Test func unknownSixDigitBINIsAWarning() throws {
        let (output, report) = try render(["--bank", "970999", "--account", "1"])
        #expect(try VietQRPayload(parsing: output).bank == nil)
        #expect(report.contains { $0.contains("unknownBank") })
    }

    @Test func jsonCarriesPayloadPaymentFoldsAndWarnings() throws {
        let (output, report) = try render([
            "--bank", "VCB", "--account", "1", "--amount", "20000", "--purpose", "Phở", "--json",
        ])
        #expect(report.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let payload = try #require(object["payload"] as? String)
        #expect(try VietQRPayload(parsing: payload).purpose == "Pho")
        let payment = try #require(object["payment"] as? [String: Any])
        #expect(payment["amount"] as? String == "20000")
        #expect(payment["initiation"] as? String == "dynamic")
        let folds = try #require(object["folds"] as? [[String: Any]])
        #expect(folds.first?["path"] as? String == "62.08")
        // A transfer code leaves the merchant category out on purpose: nothing to warn of.
        #expect((object["warnings"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test("-o takes the suffix in any case, as render does: FILE.PNG is a PNG, FILE.Svg an SVG")
    func outputSuffixInAnyCase() throws {
        try withScratchFolder { folder in
            let png = folder.appendingPathComponent("SHOP.PNG").path
            let paid = try ToolRunner.run(["pay", "--bank", "VCB", "--account", "0011001234567", "-o", png])
            #expect(paid.status == 0, "\(paid.stderr)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            let payload = paid.stdout.trimmingCharacters(in: .newlines)
            let scan = try ToolRunner.run(["scan", "--json", png])
            #expect(scan.stdout.contains("\"text\":\"\(payload)\""))
            let svg = folder.appendingPathComponent("shop.Svg").path
            let paidSVG = try ToolRunner.run(["pay", "--bank", "VCB", "--account", "0011001234567", "-o", svg])
            #expect(paidSVG.status == 0, "\(paidSVG.stderr)")
            #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("<svg"))
        }
    }

    @Test(
        "-o with a suffix that is not .png or .svg is a usage error for pay and render alike",
        arguments: ["shop.jpg", "shop.PNG.txt", "shop", "shop.pn"])
    func unsupportedOutputSuffix(_ name: String) throws {
        try withScratchFolder { folder in
            let file = folder.appendingPathComponent(name).path
            let paid = try ToolRunner.run(["pay", "--bank", "VCB", "--account", "1", "-o", file])
            #expect(paid.status == 64)
            #expect(paid.stderr.contains("--output must name a .png or .svg file, not '\(file)'"), "\(paid.stderr)")
            #expect(paid.stdout.isEmpty)
            let rendered = try ToolRunner.run(["render", "x", "-o", file])
            #expect(rendered.status == 64)
            #expect(!FileManager.default.fileExists(atPath: file))
        }
    }

    @Test(arguments: [
        ["--bank", "no such bank", "--account", "1"],
        ["--bank", "ngân hàng", "--account", "1"],
        // --card names the counter card's file: the old flag form, with no file, is a usage error.
        ["--bank", "VCB", "--account", "1", "--card"],
        ["--bank", "VCB", "--account", "1", "--merchant-name", "Cô Ba", "--card", "card.png"],
        ["--bank", "VCB", "--account", "1", "--card", "card.svg"],
        ["--bank", "VCB", "--account", "1", "-o", "code.jpg"],
        ["--bank", "VCB"],
    ])
    func badUsageExits64(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try PayCommand.parse(arguments) }
        do {
            _ = try PayCommand.parse(arguments)
        } catch {
            #expect(PayCommand.exitCode(for: error) == ExitCode(64))
        }
    }

    @Test func overwritesOnlyWithForce() throws {
        try withScratchFolder { folder in
            let existing = folder.appendingPathComponent("code.png").path
            try Data("keep".utf8).write(to: URL(fileURLWithPath: existing))
            let refused = try ToolRunner.run(["pay", "--bank", "VCB", "--account", "1", "-o", existing])
            #expect(refused.status == 73)
            #expect(refused.stdout.isEmpty)
            #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep")
            let forced = try ToolRunner.run(["pay", "--bank", "VCB", "--account", "1", "-o", existing, "--force"])
            #expect(forced.status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: existing)).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
    }

    @Test(arguments: [
        (["--amount", "5.5"], VietQRError.Code.invalidAmount, "54"),
        (["--purpose", String(repeating: "x", count: 26)], .fieldTooLong, "62.08"),
        (["--service", "push"], .missingField, "59"),
        (["--service", "cash", "--reference", "R1"], .missingField, "62.07"),
    ])
    func unencodablePaymentsNameTheField(_ extra: [String], _ code: VietQRError.Code, _ path: String) throws {
        let command = try PayCommand.parse(["--bank", "VCB", "--account", "1"] + extra)
        let error = #expect(throws: VietQRError.self) { try command.render() }
        #expect(error?.code == .vietqr(code))
        #expect(error?.path == TagPath(path))
    }
}
