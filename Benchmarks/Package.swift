// swift-tools-version:6.1
//
// Benchmarks for VillageQR, kept out of the library's dependency graph. Run from this folder:
//
//     swift run -c release imaging-bench
//
import PackageDescription

let package = Package(
    name: "VillageQRBenchmarks",
    dependencies: [
        .package(name: "VillageQR", path: "../")
    ],
    targets: [
        // The C yardstick: libqrencode + libpng and libzbar called directly, as a careful C programmer would.
        .target(
            name: "ImagingReference",
            linkerSettings: [.linkedLibrary("qrencode"), .linkedLibrary("png16"), .linkedLibrary("zbar")]
        ),
        .executableTarget(
            name: "imaging-bench",
            dependencies: [
                "ImagingReference",
                .product(name: "QRImaging", package: "VillageQR"),
            ]
        ),
    ]
)

for target in package.targets where target.type == .executable {
    target.swiftSettings = [
        .swiftLanguageMode(.v6),
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
}
