public import ArgumentParser

/// The `villageqr` command tree.
public struct VillageQRCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "villageqr",
        abstract: "VietQR payment codes and signed household-provenance codes.",
        subcommands: [
            DecodeCommand.self,
            PayCommand.self,
            BanksCommand.self,
            RenderCommand.self,
            ScanCommand.self,
            HouseholdCommand.self,
            TrustCommand.self,
        ]
    )

    public init() {}
}
