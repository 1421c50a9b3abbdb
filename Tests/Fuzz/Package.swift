// swift-tools-version:6.1
//
// libFuzzer targets, in a package of their own that depends on VillageQR by path, as swift-protobuf's FuzzTesting
// and swift-nio-http2's fuzz package do: the modules under test are the library's own, built with its own settings,
// and the sanitizer flags (`-sanitize=fuzzer,address`) cover the whole build. Each target is only the libFuzzer
// entry point: what an input must satisfy is in FuzzChecks, which the test suite's corpus replay calls too.
//
//     scripts/fuzz.sh emvqr 600          # ten minutes; also image, provenance, trust-list, vietqr
//     scripts/fuzz.sh all --build-only   # what CI does: build each target, and run its corpus once
import PackageDescription

let package = Package(
    name: "VillageQRFuzz",
    dependencies: [.package(name: "VillageQR", path: "../..")],
    targets: [
        // The EMVQR parser.
        .executableTarget(name: "EMVQRFuzz"),
        // The scanner's whole pipeline, over image files and grayscale images up to 4000x4000.
        .executableTarget(name: "ImageFuzz"),
        // The household-code parser and the link form.
        .executableTarget(name: "ProvenanceFuzz"),
        // The signed-list envelope and the trust and revocation lists inside it.
        .executableTarget(name: "TrustListFuzz"),
        // VietQR reading.
        .executableTarget(name: "VietQRFuzz"),
    ]
)

for target in package.targets {
    target.dependencies = [.product(name: "FuzzChecks", package: "VillageQR")]
    target.swiftSettings = [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
}
