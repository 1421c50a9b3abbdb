// swift-tools-version:6.1
//
// libFuzzer targets, in their own package so that a fuzzing build compiles only what they reach. SwiftPM applies
// sanitizers to a package's own targets only, so the modules under test are this package's targets too:
// Sources/EMVQR is a link to the library's sources.
//
//     scripts/fuzz.sh 600
import PackageDescription

let package = Package(
    name: "VillageQRFuzz",
    targets: [
        .target(name: "EMVQR", swiftSettings: [.swiftLanguageMode(.v6)]),
        .executableTarget(
            name: "EMVQRFuzz",
            dependencies: ["EMVQR"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The household-code parser: Sources/ProvenanceParser links Provenance's parsing files one by one.
        .target(name: "ProvenanceParser", dependencies: ["EMVQR"], swiftSettings: [.swiftLanguageMode(.v6)]),
        .executableTarget(
            name: "ProvenanceFuzz",
            dependencies: ["EMVQR", "ProvenanceParser"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
