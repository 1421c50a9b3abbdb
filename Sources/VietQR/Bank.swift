/// A Vietnamese bank or wallet that VietQR codes can name by its BIN.
///
/// The directory's data comes from the vietqr.io bank list by way of two public repositories; see
/// Data/banks/SOURCE.txt and ``BankDirectory``.
public struct Bank: Sendable, Hashable, CustomStringConvertible {
    /// The six-digit bank identification number that goes in 38.01.00; `nil` for a bank without one (BIDC).
    public let bin: String?
    /// The name people use, for example "Vietcombank".
    public let shortName: String
    /// The code of xuannghia/vietnam-qr-pay's `BankCode`, for example "VCB"; not always vietqr.io's.
    public let code: String?
    /// The code in the vietqr.io bank list, for example "ICB" for VietinBank.
    public let vietQRIOCode: String?
    /// The legal name in Vietnamese, for example "Ngân hàng TMCP Ngoại Thương Việt Nam".
    public let name: String
    /// The legal name in English.
    public let englishName: String?
    /// The SWIFT (BIC) code, for example "BFTVVNVX".
    public let swiftCode: String?
    /// Whether the bank takes NAPAS 247 transfers by VietQR.
    public let transfers: TransferSupport
    /// The key xuannghia/vietnam-qr-pay's `BanksObject` uses, for example "vietcombank".
    public let key: String?
    /// Names of banks that used this BIN before, for example LienVietPostBank for LPBank's 970449.
    public let formerNames: [String]
    /// Codes and keys of those former banks; lookups find the current bank by them.
    public let formerCodes: [String]

    init(
        bin: String?, shortName: String, code: String?, vietQRIOCode: String?, name: String, englishName: String?,
        swiftCode: String?, transfers: TransferSupport, key: String?, formerNames: [String], formerCodes: [String]
    ) {
        self.bin = bin
        self.shortName = shortName
        self.code = code
        self.vietQRIOCode = vietQRIOCode
        self.name = name
        self.englishName = englishName
        self.swiftCode = swiftCode
        self.transfers = transfers
        self.key = key
        self.formerNames = formerNames
        self.formerCodes = formerCodes
    }

    public var description: String {
        "\(shortName) (\(bin ?? "no BIN"))"
    }

    /// How far a bank takes part in VietQR transfers (vietqr.io's `transferSupported` / vietnam-qr-pay's
    /// `vietQRStatus`).
    public enum TransferSupport: String, Sendable, Hashable {
        /// Sends and receives transfers by VietQR.
        case supported
        /// Receives transfers to VietQR codes, but its app does not pay them.
        case receiveOnly
        /// Takes no part.
        case unsupported
        /// The sources do not say.
        case unknown
    }
}
