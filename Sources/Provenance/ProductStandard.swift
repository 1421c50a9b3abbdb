/// The production standard a product follows.
///
/// | Name        | Wire | Vietnamese       |
/// |-------------|------|------------------|
/// | `vietGAP`   | `VG` | VietGAP          |
/// | `globalGAP` | `GG` | GlobalGAP        |
/// | `organic`   | `OR` | Hữu cơ           |
/// | `none`      | `NO` | Không chứng nhận |
public enum ProductStandard: String, TableCode {
    case vietGAP, globalGAP, organic, none

    public var wireCode: String {
        switch self {
        case .vietGAP: "VG"
        case .globalGAP: "GG"
        case .organic: "OR"
        case .none: "NO"
        }
    }

    public var vietnamese: String {
        switch self {
        case .vietGAP: "VietGAP"
        case .globalGAP: "GlobalGAP"
        case .organic: "Hữu cơ"
        case .none: "Không chứng nhận"
        }
    }

    public var english: String {
        switch self {
        case .vietGAP: "VietGAP"
        case .globalGAP: "GlobalGAP"
        case .organic: "Organic"
        case .none: "None"
        }
    }
}
