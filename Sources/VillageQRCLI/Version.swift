extension VillageQRCommand {
    /// The release this build is, as `villageqr --version` prints it; the one place the version is written.
    public static let version = "0.1.0"
}
