// swift-tools-version:6.1
//
// VillageQR: EMVCo QR payment payloads (VietQR and the other national schemes), signed household-provenance
// codes, and the imaging around them.
//
// Module graph (dependencies point one way):
//
//     EMVQR  <-  VietQR  <-----------------+
//       ^          |                       |
//       |          v                       |
//       |   VietnameseText                 +-- VillageQRCLI <- villageqr
//       |          ^                       |
//       +----  Provenance  <---------------+
//                                          |
//     QRImaging  <-  QRPrint  <------------+
//                                          |
//     FileIO (swift-system)  <-------------+
//
// Each module presents its own values, as text for people and as JSON (EMVQR its field names, VietQR its payments,
// Provenance its records and verdicts); VillageQRCLI only arranges them into a command's output.
//
// VietnameseText (the Vietnamese folding, no Foundation, no dependencies) is shared by VietQR, which re-exports
// it, and Provenance, which matches CSV labels typed without diacritics. QRImaging wraps CQREncode, CPNG,
// CTurboJPEG, CZBar and CWebP, and touches no file: it renders and decodes bytes. FileIO reads and writes files
// for the CLI; no other library module depends on it. VillageQRCLI depends on every module.
//
import PackageDescription

let package = Package(
    name: "VillageQR",
    products: [
        .library(name: "EMVQR", targets: ["EMVQR"]),
        .library(name: "QRImaging", targets: ["QRImaging"]),
        .library(name: "VietQR", targets: ["VietQR"]),
        .library(name: "VietnameseText", targets: ["VietnameseText"]),
        .library(name: "Provenance", targets: ["Provenance"]),
        .library(name: "QRPrint", targets: ["QRPrint"]),
        .library(name: "FileIO", targets: ["FileIO"]),
        .executable(name: "villageqr", targets: ["villageqr"]),
        // Fuzzing: the fuzz targets' checks, for Tests/Fuzz (a package of its own) and the corpus replay.
        .library(name: "FuzzChecks", targets: ["FuzzChecks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        // The TLV/CRC core. No dependencies, not even Foundation: its only C is its own CRC kernel.
        .target(name: "EMVQR", dependencies: ["EMVQRKernel"]),
        // Carry-less multiplication for the CRC (PCLMULQDQ, PMULL), chosen at run time; C, because Swift has no
        // portable way to reach those instructions.
        .target(name: "EMVQRKernel"),

        // The system libraries the imaging layer wraps: one C module each, with a shim header.
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        // libzbar links its static archive (see its module map), so not through pkg-config, which names the shared
        // library; its header is in the default include path.
        .systemLibrary(name: "CZBar", providers: [.apt(["libzbar-dev"])]),
        .systemLibrary(name: "CWebP", pkgConfig: "libwebp", providers: [.apt(["libwebp-dev"])]),

        // Encode, render (PNG, SVG, terminal), read images (PNG, JPEG, PNM, WebP) and scan. Knows nothing of
        // payloads; no C type in its public API.
        .target(
            name: "QRImaging",
            dependencies: ["CQREncode", "CPNG", "CTurboJPEG", "CZBar", "CWebP"]
        ),
        // Printable pages of codes: sticker sheets for label stock, and a counter card. Builds on QRImaging's
        // rendering; knows nothing of payloads.
        .target(name: "QRPrint", dependencies: ["QRImaging"]),

        // Folding Vietnamese text to ASCII, for payment fields and for matching names typed without diacritics.
        // No Foundation, no dependencies.
        .target(name: "VietnameseText"),

        // VietQR (NAPAS) payments and the bank directory, on top of EMVQR. No Foundation.
        .target(name: "VietQR", dependencies: ["EMVQR", "VietnameseText"]),

        // Signed household-provenance codes: the record, its wire format, keys, trust and verdicts.
        .target(
            name: "Provenance",
            dependencies: [
                "EMVQR",
                // Vietnamese folding, for matching labels typed without diacritics.
                "VietnameseText",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // Whole files read with a size bound, written atomically and never over an existing file unless asked, on
        // swift-system's FileDescriptor. Knows nothing of what the files hold.
        .target(name: "FileIO", dependencies: [.product(name: "SystemPackage", package: "swift-system")]),

        // The command-line logic, reachable from tests. `villageqr` only calls into it.
        // The verifier page's files are plain files in Site/, compiled into the binary as they are.
        .target(
            name: "VillageQRCLI",
            dependencies: [
                "EMVQR",
                "FileIO",
                "QRImaging",
                "QRPrint",
                "VietQR",
                "Provenance",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [
                .embedInCode("Site/index.html"),
                .embedInCode("Site/verifier.js"),
                .embedInCode("Site/style.css"),
                .embedInCode("Site/sw.js"),
                .embedInCode("Site/manifest.webmanifest"),
                .embedInCode("Site/icon.svg"),
            ]
        ),
        .executableTarget(
            name: "villageqr",
            dependencies: [
                "VillageQRCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // What the test targets share: running a program and finding the repository's fixtures. Only test targets
        // depend on it.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        // Fuzzing: what each fuzz target checks of an input, written once. The libFuzzer entry points in Tests/Fuzz
        // (a package that depends on this one, so that sanitizers cover the whole build) and the corpus replay in
        // the test suite call the same functions.
        .target(
            name: "FuzzChecks", dependencies: ["EMVQR", "VietQR", "Provenance", "QRImaging", "TestSupport"],
            path: "Tests/FuzzChecks"),
        .testTarget(name: "FuzzCorpusTests", dependencies: ["FuzzChecks", "TestSupport"]),

        .testTarget(
            name: "EMVQRTests",
            dependencies: [
                "EMVQR",
                "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "QRImagingTests",
            dependencies: ["QRImaging", "FileIO", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "FileIOTests", dependencies: ["FileIO", "TestSupport"]),
        .testTarget(
            name: "QRPrintTests",
            dependencies: ["QRPrint", "QRImaging", "TestSupport"]
        ),
        .testTarget(
            name: "ProvenanceTests",
            dependencies: [
                "Provenance",
                "EMVQR",
                "QRImaging",
                "VietnameseText",
                "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "VillageQRCLITests",
            dependencies: [
                "VillageQRCLI", "EMVQR", "VietQR", "QRImaging", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "VietnameseTextTests", dependencies: ["VietnameseText"]),
        .testTarget(
            name: "VietQRTests",
            dependencies: [
                "VietQR",
                "TestSupport",
                "EMVQR",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ]
)

// Settings every Swift target shares.
for target in package.targets where target.name != "EMVQRKernel" {
    switch target.type {
    case .regular, .test, .executable:
        var settings = target.swiftSettings ?? []
        settings.append(.swiftLanguageMode(.v6))
        settings.append(.enableUpcomingFeature("ExistentialAny"))
        settings.append(.enableUpcomingFeature("MemberImportVisibility"))
        settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
        target.swiftSettings = settings
    case .macro, .plugin, .system, .binary:
        ()
    @unknown default:
        ()
    }
}
