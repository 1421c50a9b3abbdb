// swift-tools-version:6.1
//
// Benchmarks live in their own package so that their dependencies stay out of users' graphs.
//
//     swift run -c release --package-path Benchmarks bench
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository was cloned.
let rootIdentity = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "villageqr").lowercased()

let package = Package(
    name: "VillageQRBenchmarks",
    dependencies: [
        .package(path: "../")
    ],
    targets: [
        .executableTarget(
            name: "bench",
            dependencies: [
                .product(name: "EMVQR", package: rootIdentity),
                .product(name: "Provenance", package: rootIdentity),
                .product(name: "QRImaging", package: rootIdentity),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
