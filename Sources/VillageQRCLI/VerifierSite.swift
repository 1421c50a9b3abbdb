import EMVQR
import Provenance

/// The static verifier site that `household site` writes: the page's files, compiled in from `Site/`, and its data
/// file, `trust.js`, made from the trust list, the revocation list and the library's own tables.
///
/// The page verifies in the browser exactly as ``HouseholdVerifier`` does; everything it needs to know that is not
/// grammar (the keys, the withdrawn households, the commune and province lists, the code tables and their labels,
/// the verdict labels) reaches it through the data file, so there is one copy of each.
enum VerifierSite {
    /// The data file's name.
    static let dataFile = "trust.js"

    /// The page's own files, in the order they are written: the page itself last, so that a server never serves a
    /// page whose script is missing.
    static let pageFiles: [(name: String, bytes: [UInt8])] = [
        ("verifier.js", PackageResources.verifier_js),
        ("style.css", PackageResources.style_css),
        ("icon.svg", PackageResources.icon_svg),
        ("manifest.webmanifest", PackageResources.manifest_webmanifest),
        ("sw.js", PackageResources.sw_js),
        ("index.html", PackageResources.index_html),
    ]

    /// Every file of the site with its bytes, the data file first.
    ///
    /// - Parameters:
    ///   - trust: The keys the page trusts.
    ///   - revocations: The households whose older codes are withdrawn.
    ///   - written: The day the site is written, which the page shows beside the list.
    /// - Returns: The files, named relative to the site's folder.
    static func files(
        trust: TrustList, revocations: RevocationList, written: CivilDate
    ) -> [(name: String, bytes: [UInt8])] {
        [(dataFile, Array(data(trust: trust, revocations: revocations, written: written).utf8))] + pageFiles
    }

    /// The files the service worker keeps for offline use: all but itself.
    static var cachedFiles: [String] {
        ([dataFile] + pageFiles.map(\.name)).filter { $0 != "sw.js" }
    }

    /// `trust.js`: one assignment, `self.VILLAGEQR_SITE = {...}`, of the page's data as JSON.
    ///
    /// Its `version` is a digest of every other byte of the site, so that a new list or a new page makes a new
    /// service-worker cache.
    static func data(trust: TrustList, revocations: RevocationList, written: CivilDate) -> String {
        let members: [(String, JSONWriter.Value)] = [
            ("format", .number(1)),
            ("written", .string(written.description)),
            ("files", .array(cachedFiles.map { .string($0) })),
            ("trust", trustData(trust)),
            (
                "revoked",
                .array(
                    revocations.entries.values.sorted { $0.householdID < $1.householdID }.map {
                        .object([
                            ("householdId", .string($0.householdID)),
                            ("issuedBefore", .string($0.issuedBefore.description)),
                            ("reason", .string(orNull: $0.reason)),
                        ])
                    })
            ),
            ("verdicts", labels(Verdict.allCases.map { ($0.rawValue, $0.label(.vietnamese), $0.label(.english)) })),
            (
                "codes",
                .object([
                    ("sanitation", table(SanitationSystem.self)), ("waste", table(WasteTreatment.self)),
                    ("category", table(ProductCategory.self)), ("standard", table(ProductStandard.self)),
                ])
            ),
            ("places", places()),
        ]
        let body = JSONWriter.encode(.object(members))
        var digest = FNV1a()
        for file in pageFiles { digest.update(file.bytes) }
        digest.update(Array(body.utf8))
        let json = JSONWriter.encode(.object([("version", .string(digest.hex))] + members))
        return """
            // The verifier page's data, written by `villageqr household site` on \(written); do not edit: run the
            // command again with the new trust or revocation list.
            self.VILLAGEQR_SITE = \(json);

            """
    }

    /// The trust list as the page reads it. This is the one place that turns a ``TrustList`` into the page's data.
    static func trustData(_ trust: TrustList) -> JSONWriter.Value {
        func date(_ day: CivilDate?) -> JSONWriter.Value { day.map { .string($0.description) } ?? .null }
        return .object([
            ("issued", date(trust.issued)),
            ("nextUpdate", date(trust.nextUpdate)),
            (
                "keys",
                .array(
                    trust.entries.values.sorted { $0.keyID < $1.keyID }.map { entry in
                        .object([
                            ("keyId", .string(entry.keyID)), ("publicKey", .string(entry.publicKey.base64URL)),
                            ("owner", .string(entry.owner)), ("from", .string(entry.from.description)),
                            ("until", .string(entry.until.description)), ("status", .string(entry.status.rawValue)),
                            ("revokedOn", date(entry.revokedOn)),
                            (
                                "scope",
                                .object([
                                    ("communes", .array(entry.scope.communes.sorted().map { .string($0) })),
                                    ("provinces", .array(entry.scope.provinces.sorted().map { .string($0) })),
                                ])
                            ),
                        ])
                    })
            ),
        ])
    }

    static func labels(_ rows: [(String, String, String)]) -> JSONWriter.Value {
        .object(rows.map { ($0.0, .object([("vi", .string($0.1)), ("en", .string($0.2))])) })
    }

    /// A code table keyed by wire code, with its labels.
    static func table<Code: TableCode>(_: Code.Type) -> JSONWriter.Value {
        labels(Code.allCases.map { ($0.wireCode, $0.vietnamese, $0.english) })
    }

    /// The 2025-07-01 lists, and what the library accepts as a pre-2025 place.
    static func places() -> JSONWriter.Value {
        .object([
            (
                "provinces",
                .object(AdminUnits.allProvinces.sorted { $0.code < $1.code }.map { ($0.code, .string($0.name)) })
            ),
            (
                "communes",
                .object(
                    AdminUnits.allCommunes.sorted { $0.code < $1.code }.map {
                        ($0.code, .array([.string($0.provinceCode), .string($0.name)]))
                    })
            ),
            ("pre2025Provinces", .array(AdminUnits.earlierProvinceCodes.sorted().map { .string($0) })),
            ("highestCommune", .number(AdminUnits.highestListedCommuneCode)),
        ])
    }
}

/// FNV-1a, 64 bits: a digest that names a version of the site's files. It is not a security check.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func update(_ bytes: [UInt8]) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
