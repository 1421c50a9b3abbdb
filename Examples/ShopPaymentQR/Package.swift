// swift-tools-version:6.1
//
// A shop's VietQR codes: a static one for the counter and a dynamic one for a single order.
//
//     swift run --package-path Examples/ShopPaymentQR
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository was cloned.
let rootIdentity = String(
    Context.packageDirectory.split(separator: "/").dropLast(2).last ?? "villageqr"
).lowercased()

let package = Package(
    name: "ShopPaymentQR",
    dependencies: [
        .package(path: "../../")
    ],
    targets: [
        .executableTarget(
            name: "ShopPaymentQR",
            dependencies: [.product(name: "VietQR", package: rootIdentity)],
            swiftSettings: [
                .swiftLanguageMode(.v6),
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        )
    ]
)
