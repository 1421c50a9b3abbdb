// swift-tools-version:6.1
//
// libFuzzer targets, in their own package so that a fuzzing build compiles only what they reach. SwiftPM applies
// sanitizers to a package's own targets only, so the modules under test are this package's targets too:
// Sources/EMVQR, Sources/VietnameseText and Sources/VietQR are links to the library's sources.
//
//     scripts/fuzz.sh 600
//     scripts/fuzz-provenance.sh 600
//     scripts/fuzz-vietqr.sh 600
//     scripts/fuzz-trust-list.sh 600
import PackageDescription

let package = Package(
    name: "VillageQRFuzz",
    targets: [
        .target(name: "EMVQRKernel"),
        .target(name: "EMVQR", dependencies: ["EMVQRKernel"], swiftSettings: [.swiftLanguageMode(.v6)]),
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
        // The signed-list envelope and the trust and revocation lists inside it, from the same linked files.
        .executableTarget(
            name: "TrustListFuzz",
            dependencies: ["EMVQR", "ProvenanceParser"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // VietQR reading. The harness reads internals through `@testable import`: the fuzzing build is a debug
        // build, which SwiftPM compiles with -enable-testing, as EMVQRFuzz already relies on for EMVQR. So the
        // module is linked whole, as one directory, and stays the module the library ships, with no harness code
        // inside it.
        .target(name: "VietnameseText", swiftSettings: [.swiftLanguageMode(.v6)]),
        .target(name: "VietQR", dependencies: ["EMVQR", "VietnameseText"], swiftSettings: [.swiftLanguageMode(.v6)]),
        .executableTarget(
            name: "VietQRFuzz",
            dependencies: ["EMVQR", "VietQR"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
