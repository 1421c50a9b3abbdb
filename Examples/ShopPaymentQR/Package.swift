// swift-tools-version:6.1
//
// A shop's VietQR codes: a static one for the counter and a dynamic one for a single order.
//
//     swift run --package-path Examples/ShopPaymentQR
import PackageDescription

let package = Package(
    name: "ShopPaymentQR",
    dependencies: [
        .package(name: "VillageQR", path: "../../")
    ],
    targets: [
        .executableTarget(
            name: "ShopPaymentQR",
            dependencies: [
                .product(name: "EMVQR", package: "VillageQR"),
                .product(name: "VietQR", package: "VillageQR"),
            ],
            swiftSettings: [
                .swiftLanguageMode(.v6),
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        )
    ]
)
