import ArgumentParser
import EMVQR
import FileIO
import QRImaging
import QRPrint
import VietQR

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `villageqr pay`: makes a VietQR code for a shop's counter or for one order.
struct PayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pay",
        abstract: "Make a VietQR payment code.",
        discussion: """
            Prints the payload on standard output, and on standard error each Vietnamese letter it folded to ASCII \
            and each warning. Exit status: 64 on bad usage, 65 when the payment cannot be encoded, 73 when a file \
            exists (without --force).

            --card FILE.svg also writes a printable A6 counter card: the code, the shop's name as typed \
            (--local-name, else --merchant-name, with its diacritics), the bank, the account number and \
            "Quét mã để thanh toán". To pay to a card number, use --service card.

            Examples:
              villageqr pay --bank VCB --account 0011001234567
              villageqr pay --bank vietcombank --account 0011001234567 --amount 50000 --purpose "Mua rau"
              villageqr pay --bank VCB --account 0011001234567 --merchant-name "Tạp hóa Cô Ba" --card card.svg
            """
    )

    /// The NAPAS service (38.02).
    enum Service: String, ExpressibleByArgument, CaseIterable {
        case account, card, push, cash

        var service: VietQRService {
            switch self {
            case .account: return .accountTransfer
            case .card: return .cardTransfer
            case .push: return .merchantPayment
            case .cash: return .cashWithdrawal
            }
        }
    }

    /// Static (reusable) or dynamic (one order) code.
    enum Initiation: String, EnumerableFlag {
        case `static`, dynamic

        static func help(for value: Initiation) -> ArgumentHelp? {
            value == .static
                ? "A reusable counter code (01 = 11); the default without --amount."
                : "A code for one order (01 = 12); the default with --amount."
        }
    }

    @Option(help: "The bank: BIN, short name, code, SWIFT code or name (see `villageqr banks`).")
    var bank: String

    @Option(help: "The account number, or the card number with --service card; up to 19 letters and digits.")
    var account: String

    @Option(help: "The NAPAS service: account (the default), card (pay to a card number, QRIBFTTC), push or cash.")
    var service: Service?

    @Option(help: "The amount in VND, a whole number such as 50000.")
    var amount: String?

    @Option(help: "The transfer message (62.08), up to 25 characters; Vietnamese letters are folded.")
    var purpose: String?

    @Option(help: "The bill or invoice number (62.01).")
    var bill: String?

    @Option(name: .customLong("merchant-name"), help: "The shop's name (59), up to 25; required for --service push.")
    var merchantName: String?

    @Option(help: "The shop's city (60), up to 15; required for --service push.")
    var city: String?

    @Option(help: "The merchant category code (52), four digits such as 5411 (grocery).")
    var mcc: String?

    @Option(help: "The store label (62.03).")
    var store: String?

    @Option(help: "The terminal label (62.07); required for --service cash.")
    var terminal: String?

    @Option(help: "The reference label (62.05); required for --service cash.")
    var reference: String?

    @Option(
        name: .customLong("local-name"),
        help: "The shop's name with Vietnamese diacritics, written to the alternate-language template (64).")
    var localName: String?

    @Flag var initiation: Initiation?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(name: [.short, .customLong("output")], help: "Write the code as an image: FILE.png or FILE.svg.")
    var output: String?

    @Option(help: "Also write a printable A6 counter card: FILE.svg.")
    var card: String?

    @Flag(help: "Overwrite the --output and --card files if they exist.")
    var force = false

    func validate() throws {
        if let card {
            guard card.lowercased().hasSuffix(".svg") else {
                throw ValidationError("--card must name a .svg file, not '\(card)'")
            }
            if shopName == nil {
                throw ValidationError("--card needs the shop's name for the card: --merchant-name or --local-name")
            }
        }
        if let output {
            guard QRRenderFormat(path: output) != nil else {
                throw ValidationError("--output must name a .png or .svg file, not '\(output)'")
            }
        }
        if resolvedBank() == nil {
            let candidates = BankDirectory.search(bank).prefix(5).map(\.shortName)
            throw ValidationError(
                candidates.isEmpty
                    ? "no bank matches '\(bank)'; `villageqr banks` lists them"
                    : "'\(bank)' matches several banks (\(candidates.joined(separator: ", "))); be more specific")
        }
    }

    /// The bank named by --bank; a six-digit BIN the directory lacks is taken as it is (with a warning).
    func resolvedBank() -> (bin: String, bank: Bank?)? {
        if let bank = BankDirectory.lookup(bank), let bin = bank.bin { return (bin, bank) }
        if bank.count == 6, bank.allSatisfy({ $0.isASCII && $0.isNumber }) { return (bank, nil) }
        return nil
    }

    /// The payment the options describe.
    func payment() -> VietQRPayment {
        let resolved = resolvedBank()
        var payment = VietQRPayment(
            bin: resolved?.bin ?? bank, account: account,
            service: (service ?? .account).service, amount: amount.map { VietQRAmount($0) },
            initiation: initiation.map { $0 == .static ? .static : .dynamic })
        payment.merchantName = merchantName
        payment.merchantCity = city
        payment.merchantCategoryCode = mcc
        payment.additionalData.purpose = purpose
        payment.additionalData.billNumber = bill
        payment.additionalData.storeLabel = store
        payment.additionalData.terminalLabel = terminal
        payment.additionalData.referenceLabel = reference
        if let localName { payment.alternateLanguage = .init(language: "vi", name: localName) }
        return payment
    }

    /// The shop's name for the card, as typed: the Vietnamese one if given.
    var shopName: String? { localName ?? merchantName }

    /// The A6 counter card for `payload`: what QRPrint lays out, in the words of a Vietnamese counter.
    func counterCard(_ payload: [UInt8]) throws -> String {
        let resolved = resolvedBank()
        let bankLines = resolved?.bank.map { [$0.shortName, $0.name] } ?? ["BIN \(resolved?.bin ?? bank)"]
        let card = try CounterCard(
            code: try QRCode(encoding: payload, options: .init(errorCorrection: .medium)), title: shopName ?? "",
            lines: bankLines + [account], prompt: "Quét mã để thanh toán")
        return card.svg()
    }

    /// The warnings of reading the built code back that are about the options given, not about what `pay` does on
    /// purpose: a transfer code leaves the merchant category (52) out, as banks' own transfer codes do.
    func warnings(_ built: VietQRPayment.Built) -> [VietQRWarning] {
        let transfer = [.account, .card].contains(service ?? .account)
        return built.warnings.filter { !(transfer && mcc == nil && $0.code == .vietqr(.merchantCategoryAbsent)) }
    }

    /// What the command prints: the payload or JSON on standard output, the report on standard error.
    func render() throws(VietQRError) -> (output: String, payload: [UInt8], report: [String]) {
        let built = try payment().build()
        let report =
            built.folds.map { "folded \($0)" }
            + warnings(built).map { "warning: \($0.code) at \($0.path): \($0.message)" }
        guard json else { return (built.text, Array(built.payload), report) }
        let bank = resolvedBank()?.bank
        let payment = try VietQRPayload(parsing: built.payload[...]).payment
        let object: JSONWriter.Value = .object([
            ("payload", .string(built.text)),
            ("payment", payment.jsonValue(bank: bank)),
            ("folds", .array(built.folds.map(Self.json))),
            (
                "warnings",
                .array(warnings(built).map { PayloadReport.Diagnostic($0).json })
            ),
        ])
        return (JSONWriter.encode(object), Array(built.payload), [])
    }

    static func json(_ fold: VietQRPayment.Fold) -> JSONWriter.Value {
        .object([
            ("path", .string(fold.path.description)), ("original", .string(fold.original)),
            ("folded", .string(fold.folded)),
            (
                "replacements",
                .array(
                    fold.replacements.map {
                        .object([
                            ("from", .string($0.original)), ("to", .string($0.replacement)),
                            ("offset", .number($0.offset)),
                        ])
                    })
            ),
        ])
    }

    func run() throws {
        // Refused before anything is printed or written.
        for path in [output, card].compactMap(\.self) where !force && Files.exists(path) {
            Stderr.line("error: \(path) exists; pass --force to overwrite it")
            throw ExitStatus.cannotCreate
        }
        let rendered: (output: String, payload: [UInt8], report: [String])
        do throws(VietQRError) {
            rendered = try render()
        } catch {
            throw ErrorReport(error).printed()
        }
        print(rendered.output)
        for line in rendered.report { Stderr.line(line) }
        if let output {
            // The image: the same defaults as `villageqr render` (ECC M, 8 px per module, a 4-module quiet zone).
            do {
                let image = try QRRenderArguments.parse(["-o", output] + (force ? ["--force"] : []))
                Stderr.line(try image.emit(Array(rendered.payload)).trimmingSuffix("\n"))
            } catch {
                throw ErrorReport(error).printed(context: "cannot write \(output): ")
            }
        }
        if let card {
            do {
                try Files.write(
                    Array(try counterCard(rendered.payload).utf8), to: card, overwrite: OverwritePolicy(force: force))
                Stderr.line("\(card): A6 counter card")
            } catch {
                throw ErrorReport(error).printed(context: "cannot write \(card): ")
            }
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
