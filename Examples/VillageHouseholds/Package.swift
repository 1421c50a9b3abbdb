// swift-tools-version:6.1
//
// Turns a village's household CSV into a printable sticker sheet of signed household codes.
//
//     swift run --package-path Examples/VillageHouseholds village-households
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository was cloned.
let rootIdentity = String(Context.packageDirectory.split(separator: "/").dropLast(2).last ?? "villageqr").lowercased()

let package = Package(
    name: "VillageHouseholds",
    dependencies: [
        .package(path: "../../")
    ],
    targets: [
        .executableTarget(
            name: "village-households",
            dependencies: [
                .product(name: "Provenance", package: rootIdentity),
                .product(name: "QRImaging", package: rootIdentity),
            ],
            path: "Sources/VillageHouseholds",
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
