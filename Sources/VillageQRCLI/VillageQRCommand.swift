public import ArgumentParser

/// The `villageqr` command tree.
public struct VillageQRCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "villageqr",
        abstract: "VietQR payment codes and signed household-provenance codes.",
        discussion: """
            Results go to standard output, each as soon as it is known; errors, warnings, notes and progress go to \
            standard error. With --json, an input's error stays inside its JSON object.

            \(ExitStatus.table)
            """,
        version: version,
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
