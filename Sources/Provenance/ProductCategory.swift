/// What kind of product it is.
///
/// | Name          | Wire | Vietnamese |
/// |---------------|------|------------|
/// | `crop`        | `CR` | Trồng trọt |
/// | `livestock`   | `LV` | Chăn nuôi  |
/// | `aquaculture` | `AQ` | Thủy sản   |
/// | `forestry`    | `FO` | Lâm nghiệp |
/// | `processed`   | `PR` | Chế biến   |
public enum ProductCategory: String, TableCode {
    case crop, livestock, aquaculture, forestry, processed

    public var wireCode: String {
        switch self {
        case .crop: "CR"
        case .livestock: "LV"
        case .aquaculture: "AQ"
        case .forestry: "FO"
        case .processed: "PR"
        }
    }

    public var vietnamese: String {
        switch self {
        case .crop: "Trồng trọt"
        case .livestock: "Chăn nuôi"
        case .aquaculture: "Thủy sản"
        case .forestry: "Lâm nghiệp"
        case .processed: "Chế biến"
        }
    }

    public var english: String {
        switch self {
        case .crop: "Crop"
        case .livestock: "Livestock"
        case .aquaculture: "Aquaculture"
        case .forestry: "Forestry"
        case .processed: "Processed"
        }
    }
}
