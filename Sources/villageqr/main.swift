import ArgumentParser
import VillageQRCLI

VillageQRCommand.main()
