// Signs each household of a village CSV with the demo key and writes a sticker sheet; then, as a province office
// would, makes a root key, signs a province trust list holding two communes' keys, and verifies a sticker from each
// commune against the signed list, the way a buyer's phone does.
//
//     village-households [HOUSEHOLDS.csv] [OUT-DIR]
import FileIO
import Foundation
import Provenance
import QRImaging
import QRPrint

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let arguments = CommandLine.arguments.dropFirst()
let csvPath =
    arguments.first ?? here.appendingPathComponent("../../Fixtures/Provenance/village-85.csv").standardized.path
let outDir = arguments.dropFirst().first ?? "stickers"

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("village-households: \(message)\n".utf8))
    exit(1)
}

// DEMO ONLY: this key is public in the repository. Never sign a real household with it.
let keyID = "DEMO.1"
let key: HouseholdSigningKey
let csv: HouseholdCSV
do {
    key = try HouseholdSigningKey(
        pem: String(
            decoding: try Files.read(here.appendingPathComponent("demo-key-DEMO-ONLY.pem").path), as: UTF8.self))
    csv = try HouseholdCSV(try Files.read(csvPath))
} catch {
    fail("\(error)")
}
let issuer = HouseholdIssuer(key: key, keyID: keyID)
// Each sticker holds the link form, so a buyer's phone camera opens the verifier page with the code in the fragment.
// The address is a placeholder: a commune puts its own page here (`villageqr household site` writes one).
let verifierPage = "https://verifier.example/nguon-goc"

// Labels of 70 × 42.3 mm, 21 to an A4 sheet, tall enough for a link-form code (versions 16 and 17): every code the
// same size, none under 0.4 mm a module.
var sheet: StickerSheet
do {
    sheet = try StickerSheet(stock: .a4Labels3x7Tall)
} catch {
    fail("\(error)")
}
var bad: [String] = []
for row in csv.rows {
    do {
        let record = try row.record.get()
        let link = try issuer.issue(record, link: verifierPage)
        // What a scanner will read back from this sticker is a household code: the same check the CLI makes.
        guard try ScannedHouseholdCode(recognizing: Array(link.text.utf8))?.bytes == link.code else {
            fail("row \(row.number): the link does not read back as its code")
        }
        let code = try QRCode(encoding: Array(link.text.utf8), options: .init(errorCorrection: .medium))
        try sheet.append(
            code, lines: [record.head, HouseholdLink.buyerInstruction, "\(record.householdID) · \(record.place.village)"])
    } catch {
        bad.append("row \(row.number): \(error)")
    }
}

// The province office of Hà Tĩnh (42): a root key, and a trust list of two communes' keys, each vouching only for
// its own commune. The demo key is Xã Kim Hoa's (18223); Xã Đức Thọ (18229) gets a key of its own.
let rootKey = HouseholdSigningKey()
let ducTho = HouseholdSigningKey()
let from = CivilDate("2026-01-01")!
let until = CivilDate("2027-12-31")!
let today = CivilDate.today()
var province = TrustList(
    [
        TrustList.Entry(
            keyID: keyID, publicKey: key.publicKey, owner: "DEMO ONLY — Xã Kim Hoa (18223)", from: from, until: until,
            scope: TrustScope(communes: ["18223"])),
        TrustList.Entry(
            keyID: "18229.1", publicKey: ducTho.publicKey, owner: "DEMO ONLY — Xã Đức Thọ (18229)", from: from,
            until: until, scope: TrustScope(communes: ["18229"])),
    ], issued: today, nextUpdate: today.adding(days: 30))
let signedPath = "\(outDir)/trust-42.json"
let rootPath = "\(outDir)/root-42.pub.pem"
do {
    try Files.createDirectory(outDir)
    try Files.write(Array(sheet.svg().utf8), to: "\(outDir)/stickers.svg")
    // One file per A4 page, for the printer.
    for (number, page) in sheet.pages().enumerated() {
        try Files.write(Array(page.utf8), to: "\(outDir)/stickers-page\(number + 1).svg")
    }
    province.rootKeyID = "42"
    try Files.write(try province.signed(rootKeyID: "42", with: rootKey), to: signedPath)
    try Files.write(Array(rootKey.publicKey.pemRepresentation.utf8), to: rootPath)
} catch {
    fail("\(error)")
}
for line in bad { FileHandle.standardError.write(Data("\(line)\n".utf8)) }
print(
    "\(sheet.count) of \(csv.rows.count) households on \(outDir)/stickers.svg (\(sheet.pageCount) A4 pages: "
        + "stickers-page1.svg …)")

// A buyer: the root's public key and the signed list, read back from the files; a sticker of each commune,
// rendered, scanned and verified; and Đức Thọ's key signing a Kim Hoa household, which no verifier accepts.
do {
    let root = try HouseholdPublicKey(pem: String(decoding: try Files.read(rootPath), as: UTF8.self))
    let verifier = HouseholdVerifier(trustList: try TrustList(signed: try Files.read(signedPath), root: root))
    guard var kimHoa = try csv.rows.first?.record.get() else { fail("the CSV has no good first row") }
    kimHoa.issued = today
    kimHoa.expires = today.adding(days: 365)!
    var ducThoHousehold = kimHoa
    ducThoHousehold.householdID = "18229-0001"
    let stickers: [(String, HouseholdIssuer, HouseholdRecord, Verdict)] = [
        ("Xã Kim Hoa", issuer, kimHoa, .verified),
        ("Xã Đức Thọ", HouseholdIssuer(key: ducTho, keyID: "18229.1"), ducThoHousehold, .verified),
        ("Đức Thọ's key on a Kim Hoa household", HouseholdIssuer(key: ducTho, keyID: "18229.1"), kimHoa, .outOfScope),
    ]
    for (name, signer, record, expected) in stickers {
        let png = try QRCode(encoding: try signer.issue(record), options: .init(errorCorrection: .medium))
            .png(PNGOptions(scale: 4))
        guard let scanned = try QRScanner().scan(imageData: png).first else { fail("\(name): no code scanned") }
        let result = verifier.verify(scanned.bytes, today: today)
        print("\(name), \(record.householdID): \(result.verdict) — \(result.message)")
        guard result.verdict == expected else { fail("\(name): expected \(expected), got \(result.verdict)") }
    }
    print("province list \(signedPath), signed by root 42 (\(rootPath)): \(verifier.trustList.entries.count) keys")
} catch {
    fail("\(error)")
}
