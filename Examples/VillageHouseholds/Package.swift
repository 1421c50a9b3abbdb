// swift-tools-version:6.1
//
// Turns a village's household CSV into a printable sticker sheet of signed household codes.
//
//     swift run --package-path Examples/VillageHouseholds village-households
import PackageDescription

let package = Package(
    name: "VillageHouseholds",
    dependencies: [
        .package(name: "VillageQR", path: "../../")
    ],
    targets: [
        .executableTarget(
            name: "village-households",
            dependencies: [
                .product(name: "FileIO", package: "VillageQR"),
                .product(name: "Provenance", package: "VillageQR"),
                .product(name: "QRImaging", package: "VillageQR"),
                .product(name: "QRPrint", package: "VillageQR"),
            ],
            path: "Sources/VillageHouseholds",
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
