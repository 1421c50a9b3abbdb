public import EMVQR
import VietQR

/// The typed VietQR view of a decoded payload, as `villageqr decode` shows it.
///
/// `decode` prints ``lines`` under its field tree, puts the `payment` object in its JSON output, and adds the
/// profile's errors and warnings to its own.
public struct PaymentReport: Sendable {
    /// Lines for people: bank, account, amount in VND, purpose, static or dynamic.
    public let lines: [String]
    /// The payment; `nil` when the payload breaks a VietQR rule.
    let payment: VietQRPayment?
    let bank: Bank?
    /// The payload as VietQR reads it, 38.01 read as fields; `nil` when it breaks a VietQR rule.
    let payload: EMVPayload?
    let errorDiagnostics: [PayloadReport.Diagnostic]
    let warningDiagnostics: [PayloadReport.Diagnostic]

    /// The report for `payload`, or `nil` when it carries no VietQR template (tag 38 with NAPAS's GUID).
    ///
    /// - Parameters:
    ///   - payload: A payload that parsed.
    ///   - mode: ``EMVPayload/ReadingMode/strict`` turns VietQR's warnings into errors.
    public init?(payload: EMVPayload, mode: EMVPayload.ReadingMode = .lenient) {
        guard payload.schemes.contains(where: { $0.scheme == .vietQR }) else { return nil }
        let code: VietQRPayload
        do throws(VietQRError) {
            code = try VietQRPayload(payload, mode: mode)
        } catch {
            lines = ["VietQR: not a valid payment: \(error.message) (\(error.code) at \(error.path))"]
            payment = nil
            bank = nil
            self.payload = nil
            errorDiagnostics = [PayloadReport.Diagnostic(error)]
            warningDiagnostics = []
            return
        }
        let payment = code.payment
        let bank = code.bank
        self.lines = payment.reportLines(bank: bank)
        self.payment = payment
        self.bank = bank
        self.payload = code.emv
        self.errorDiagnostics = []
        // The payload's own EMVCo warnings, which VietQR wraps, are decode's already.
        self.warningDiagnostics = code.warnings.filter { $0.underlying == nil }.map(PayloadReport.Diagnostic.init)
    }

    /// The `payment` object as JSON text, with the keys `bin`, `bank`, `bankName`, `account`, `service`, `amount`,
    /// `currency`, `purpose`, `bill` and `initiation`; `nil` when the payload breaks a VietQR rule.
    public var json: String? {
        payment.map { $0.json(bank: bank) }
    }

    /// The VietQR errors, each a JSON object with `code`, `offset`, `path` and `message`.
    public var errors: [String] { errorDiagnostics.map { JSONWriter.encode($0.json) } }

    /// The VietQR warnings, as JSON objects like ``errors``.
    public var warnings: [String] { warningDiagnostics.map { JSONWriter.encode($0.json) } }
}
