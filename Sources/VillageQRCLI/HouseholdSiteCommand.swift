import ArgumentParser
import FileIO
import Provenance
import QRImaging

/// `villageqr household site`: the static verifier page a commune puts on any web server or a USB stick.
struct HouseholdSiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write the static verifier page: a buyer's phone checks household codes in the browser, offline.",
        discussion: """
            Writes index.html, verifier.js, style.css, trust.js (the trust and revocation lists and the commune \
            tables), a web app manifest, an icon and a service worker into DIR, created if missing. Serve DIR from \
            any web server over https, or open DIR/index.html from a USB stick. The page reads a code from the \
            link's fragment or from a pasted code and verifies it as `household verify` does; it sends nothing \
            anywhere. Each file is written atomically; none is overwritten without --force.
            """
    )

    @Option(help: "The trust list: JSON mapping key IDs to public keys, owners, scopes, validity and status.")
    var trust: String

    @Option(help: "The revocation list: JSON of household IDs with an issued-before date.")
    var revoked: String?

    @Option(help: "The root's public key (PEM) that signed the lists; without it the lists must be unsigned.")
    var root: String?

    @Option(name: .shortAndLong, help: "The folder to write the site into.")
    var output: String

    @Flag(help: "Overwrite the site's files in the folder.")
    var force = false

    func run() throws {
        let files = try reportingFailures {
            let today = CivilDate.today()
            let trustList = try loadTrustList(trust, root: root, today: today)
            let revocations = try revoked.map { (path) throws in try loadRevocationList(path, root: root, today: today)
            }
            return VerifierSite.files(trust: trustList, revocations: revocations ?? .empty, written: today)
        }
        try reportingFailures { try Files.createDirectory(output) }
        // Refuse before writing anything, so that a refused run leaves the folder as it was.
        let paths = files.map { "\(output)/\($0.name)" }
        let existing = paths.filter(Files.exists)
        if !force && !existing.isEmpty {
            Stderr.line("error: \(existing.joined(separator: ", ")) exist(s); pass --force to overwrite the site")
            throw ExitStatus.cannotCreate
        }
        try reportingFailures {
            for file in files {
                try Files.write(file.bytes, to: "\(output)/\(file.name)", overwrite: OverwritePolicy(force: force))
            }
        }
        let sizes = files.map { "\($0.name) \(($0.bytes.count + 512) / 1024) KB" }.joined(separator: ", ")
        Stderr.line("wrote the verifier site into \(output): \(sizes)")
    }
}
