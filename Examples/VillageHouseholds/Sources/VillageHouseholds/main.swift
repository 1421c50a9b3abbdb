// Signs each household of a village CSV with the demo key and writes a sticker sheet and the matching trust list.
//
//     village-households [HOUSEHOLDS.csv] [OUT-DIR]
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
            decoding: try QRImageFile.read(here.appendingPathComponent("demo-key-DEMO-ONLY.pem").path), as: UTF8.self))
    csv = try HouseholdCSV(try QRImageFile.read(csvPath))
} catch {
    fail("\(error)")
}
let issuer = HouseholdIssuer(key: key, keyID: keyID)
// Each sticker holds the link form, so a buyer's phone camera opens the verifier page with the code in the fragment.
// The address is a placeholder: a commune puts its own page here (`villageqr household site` writes one).
let verifierPage = "https://verifier.example/nguon-goc"

// Labels of 70 × 37 mm, 24 to an A4 sheet: every code the same size, none under 0.4 mm a module.
var sheet: StickerSheet
do {
    sheet = try StickerSheet(stock: .a4Labels3x8)
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

let trust = TrustList([
    TrustList.Entry(
        keyID: keyID, publicKey: key.publicKey, owner: "DEMO ONLY — not a real commune",
        from: CivilDate("2026-01-01")!, until: CivilDate("2027-12-31")!)
])
do {
    try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
    try QRImageFile.write(Array(sheet.svg().utf8), to: "\(outDir)/stickers.svg")
    // One file per A4 page, for the printer.
    for (number, page) in sheet.pages().enumerated() {
        try QRImageFile.write(Array(page.utf8), to: "\(outDir)/stickers-page\(number + 1).svg")
    }
    try QRImageFile.write(trust.json, to: "\(outDir)/trust.json")
} catch {
    fail("\(error)")
}
for line in bad { FileHandle.standardError.write(Data("\(line)\n".utf8)) }
print(
    "\(sheet.count) of \(csv.rows.count) households on \(outDir)/stickers.svg (\(sheet.pageCount) A4 pages: "
        + "stickers-page1.svg …); trust list \(outDir)/trust.json")
