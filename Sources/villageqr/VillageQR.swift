import ArgumentParser
import VillageQRCLI

@main
extension VillageQRCommand {}
