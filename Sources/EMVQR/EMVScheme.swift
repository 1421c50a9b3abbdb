/// A national or network QR scheme built on the EMVCo MPM grammar, recognised from the globally unique identifier
/// (tag 00) of a merchant account information template.
///
/// ``known`` lists the schemes this package recognises, most specific first. To recognise another, pass your own
/// list to ``EMVPayload/schemes(among:)``:
///
/// ```swift
/// let mine = EMVScheme(name: "MyPay", tags: [26], guid: .exact("COM.MYPAY"))
/// payload.schemes(among: EMVScheme.known + [mine])
/// ```
public struct EMVScheme: Sendable, Hashable {
    /// The scheme's name as JSON output carries it, for example `"VietQR"`.
    public var name: String
    /// The merchant account templates that identify it, each with its GUID.
    public var templates: [Template]

    /// Makes a scheme.
    ///
    /// - Parameters:
    ///   - name: The name JSON output carries.
    ///   - templates: The templates and GUIDs that identify it.
    public init(name: String, templates: [Template]) {
        self.name = name
        self.templates = templates
    }

    /// Makes a scheme identified by one GUID in any of `tags`.
    public init(name: String, tags: [Int], guid: GUIDMatch) {
        self.init(name: name, templates: tags.map { Template(tag: $0, guid: guid) })
    }

    /// A merchant account template and the GUID in its tag 00.
    public struct Template: Sendable, Hashable {
        /// The template's tag.
        public var tag: Int
        /// How its GUID is recognised.
        public var guid: GUIDMatch

        /// Makes a template.
        public init(tag: Int, guid: GUIDMatch) {
            self.tag = tag
            self.guid = guid
        }
    }

    /// How a scheme's tag 00 value is recognised.
    public enum GUIDMatch: Sendable, Hashable {
        /// The value equals this, byte for byte.
        case exact(String)
        /// The value equals this, ignoring ASCII case.
        case caseInsensitive(String)
        /// The value starts with this, ignoring ASCII case.
        case prefix(String)
        /// The value has the form `name@bank` (an account ID, as Cambodia's Bakong writes it).
        case accountID

        func matches(_ value: ArraySlice<UInt8>) -> Bool {
            switch self {
            case .exact(let s): return value.elementsEqual(s.utf8)
            case .caseInsensitive(let s): return value.count == s.utf8.count && Self.foldedEqual(value, s.utf8)
            case .prefix(let s):
                return value.count >= s.utf8.count && Self.foldedEqual(value.prefix(s.utf8.count), s.utf8)
            case .accountID:
                guard let at = value.firstIndex(of: 0x40) else { return false }
                return at > value.startIndex && at < value.index(before: value.endIndex)
                    && value.allSatisfy { $0 > 0x20 && $0 < 0x7F }
            }
        }

        private static func foldedEqual<A: Sequence, B: Sequence>(_ a: A, _ b: B) -> Bool
        where A.Element == UInt8, B.Element == UInt8 {
            a.lazy.map(Self.lower).elementsEqual(b.lazy.map(Self.lower))
        }

        private static func lower(_ byte: UInt8) -> UInt8 {
            byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
    }

    /// Where a scheme was recognised in a payload.
    public struct Match: Sendable, Hashable {
        /// The scheme.
        public var scheme: EMVScheme
        /// The template that carries it.
        public var tag: Int
    }

    // Sources for each GUID are in Docs.docc/Schemes.md.
    public static let vietQR = EMVScheme(name: "VietQR", tags: [38], guid: .exact("A000000727"))
    public static let vnpay = EMVScheme(name: "VNPay", tags: [26], guid: .exact("A000000775"))
    public static let promptPay = EMVScheme(
        name: "PromptPay",
        templates: [
            Template(tag: 29, guid: .exact("A000000677010111")),
            Template(tag: 30, guid: .exact("A000000677010112")),
        ])
    public static let pix = EMVScheme(name: "PIX", tags: [26], guid: .caseInsensitive("br.gov.bcb.pix"))
    public static let payNow = EMVScheme(name: "PayNow", tags: [26], guid: .caseInsensitive("SG.PAYNOW"))
    public static let sgqr = EMVScheme(name: "SGQR", tags: [51], guid: .caseInsensitive("SG.SGQR"))
    public static let duitNow = EMVScheme(name: "DuitNow", tags: [26], guid: .exact("A0000006150001"))
    public static let qris = EMVScheme(name: "QRIS", tags: [51], guid: .caseInsensitive("ID.CO.QRIS.WWW"))
    public static let khqr = EMVScheme(name: "KHQR", tags: [29, 30], guid: .accountID)
    public static let qrph = EMVScheme(
        name: "QRPh",
        templates: [
            Template(tag: 27, guid: .caseInsensitive("com.p2pqrpay")),
            Template(tag: 28, guid: .caseInsensitive("ph.ppmi.p2m")),
        ])
    public static let bharatQR = EMVScheme(name: "BharatQR", tags: [26, 27], guid: .exact("A000000524"))
    public static let fps = EMVScheme(name: "FPS", tags: [26], guid: .caseInsensitive("hk.com.hkicl"))
    public static let laoQR = EMVScheme(name: "LAOQR", tags: [38], guid: .exact("A005266284662577"))

    /// The schemes this package recognises, in order of precedence: the first that a payload carries is its
    /// primary scheme.
    public static let known: [EMVScheme] = [
        vietQR, vnpay, laoQR, promptPay, khqr, pix, payNow, sgqr, duitNow, qris, qrph, bharatQR, fps,
    ]
}

extension EMVPayload {
    /// The schemes the payload's merchant account templates carry, in order of ``EMVScheme/known``.
    public var schemes: [EMVScheme.Match] {
        schemes(among: EMVScheme.known)
    }

    /// The schemes the payload carries among `registry`, in the registry's order.
    ///
    /// - Parameter registry: The schemes to look for, most important first.
    /// - Returns: One match per scheme and template.
    public func schemes(among registry: [EMVScheme]) -> [EMVScheme.Match] {
        var found: [EMVScheme.Match] = []
        for scheme in registry {
            for field in fields where field.isTemplate {
                guard let guid = field[0]?.value,
                    scheme.templates.contains(where: { $0.tag == field.tag && $0.guid.matches(guid) })
                else { continue }
                found.append(EMVScheme.Match(scheme: scheme, tag: field.tag))
            }
        }
        return found
    }

    /// The first scheme of ``schemes``, or `nil` when the payload carries none this package knows.
    public var primaryScheme: EMVScheme? {
        schemes.first?.scheme
    }
}
