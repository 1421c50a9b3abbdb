/// The household's toilet, as the Ministry of Health's household sanitation survey classifies it.
///
/// | Name            | Wire | Vietnamese                     |
/// |-----------------|------|--------------------------------|
/// | `septic`        | `SE` | Nhà tiêu tự hoại               |
/// | `semiSeptic`    | `SS` | Nhà tiêu bán tự hoại           |
/// | `doubleVault`   | `DV` | Nhà tiêu hai ngăn              |
/// | `biogas`        | `BG` | Nhà tiêu nối hầm biogas        |
/// | `ventilatedPit` | `VP` | Nhà tiêu chìm có ống thông hơi |
/// | `pit`           | `PT` | Hố xí đơn giản                 |
/// | `none`          | `NO` | Không có nhà tiêu              |
/// | `other`         | `OT` | Khác                           |
public enum SanitationSystem: String, TableCode {
    case septic, semiSeptic, doubleVault, biogas, ventilatedPit, pit, none, other

    public var wireCode: String {
        switch self {
        case .septic: "SE"
        case .semiSeptic: "SS"
        case .doubleVault: "DV"
        case .biogas: "BG"
        case .ventilatedPit: "VP"
        case .pit: "PT"
        case .none: "NO"
        case .other: "OT"
        }
    }

    public var vietnamese: String {
        switch self {
        case .septic: "Nhà tiêu tự hoại"
        case .semiSeptic: "Nhà tiêu bán tự hoại"
        case .doubleVault: "Nhà tiêu hai ngăn"
        case .biogas: "Nhà tiêu nối hầm biogas"
        case .ventilatedPit: "Nhà tiêu chìm có ống thông hơi"
        case .pit: "Hố xí đơn giản"
        case .none: "Không có nhà tiêu"
        case .other: "Khác"
        }
    }

    public var english: String {
        switch self {
        case .septic: "Septic tank"
        case .semiSeptic: "Semi-septic (pour-flush)"
        case .doubleVault: "Double-vault composting"
        case .biogas: "Connected to a biogas digester"
        case .ventilatedPit: "Ventilated improved pit"
        case .pit: "Simple pit"
        case .none: "No toilet"
        case .other: "Other"
        }
    }
}
