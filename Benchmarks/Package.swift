// swift-tools-version:6.1
//
// Benchmarks for VillageQR, in their own package so that their dependencies stay out of users' graphs. From the
// repository's root:
//
//     swift run -c release --package-path Benchmarks bench            # EMVQR parse+verify and CRC, beside C
//     swift run -c release --package-path Benchmarks imaging-bench    # render and scan, beside C
import PackageDescription

let package = Package(
    name: "VillageQRBenchmarks",
    dependencies: [
        .package(name: "VillageQR", path: "../")
    ],
    targets: [
        // What the benchmarks share: the median every figure is.
        .target(name: "BenchmarkSupport"),
        .executableTarget(
            name: "bench",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "EMVQR", package: "VillageQR"),
                .product(name: "FileIO", package: "VillageQR"),
                .product(name: "VietQR", package: "VillageQR"),
                .product(name: "Provenance", package: "VillageQR"),
                .product(name: "QRImaging", package: "VillageQR"),
            ]
        ),
        // The C yardstick: libqrencode + libpng and libzbar called directly, as a careful C programmer would.
        .target(
            name: "ImagingReference",
            linkerSettings: [.linkedLibrary("qrencode"), .linkedLibrary("png16"), .linkedLibrary("zbar")]
        ),
        .executableTarget(
            name: "imaging-bench",
            dependencies: [
                "BenchmarkSupport",
                "ImagingReference",
                .product(name: "FileIO", package: "VillageQR"),
                .product(name: "QRImaging", package: "VillageQR"),
            ]
        ),
    ]
)

for target in package.targets where target.type == .executable || target.name == "BenchmarkSupport" {
    target.swiftSettings = [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
}
