/// One way the household treats its solid and organic waste. A record lists one or more.
///
/// | Name         | Wire | Vietnamese              |
/// |--------------|------|-------------------------|
/// | `sorting`    | `SO` | Phân loại rác tại nguồn |
/// | `composting` | `CP` | Ủ phân hữu cơ           |
/// | `collection` | `CO` | Thu gom tập trung       |
/// | `biogas`     | `BG` | Xử lý bằng hầm biogas   |
/// | `animalFeed` | `AF` | Làm thức ăn chăn nuôi   |
/// | `burying`    | `BR` | Chôn lấp                |
/// | `burning`    | `BU` | Đốt                     |
/// | `other`      | `OT` | Khác                    |
public enum WasteTreatment: String, TableCode {
    case sorting, composting, collection, biogas, animalFeed, burying, burning, other

    public var wireCode: String {
        switch self {
        case .sorting: "SO"
        case .composting: "CP"
        case .collection: "CO"
        case .biogas: "BG"
        case .animalFeed: "AF"
        case .burying: "BR"
        case .burning: "BU"
        case .other: "OT"
        }
    }

    public var vietnamese: String {
        switch self {
        case .sorting: "Phân loại rác tại nguồn"
        case .composting: "Ủ phân hữu cơ"
        case .collection: "Thu gom tập trung"
        case .biogas: "Xử lý bằng hầm biogas"
        case .animalFeed: "Làm thức ăn chăn nuôi"
        case .burying: "Chôn lấp"
        case .burning: "Đốt"
        case .other: "Khác"
        }
    }

    public var english: String {
        switch self {
        case .sorting: "Sorting at source"
        case .composting: "Composting"
        case .collection: "Municipal collection"
        case .biogas: "Biogas digester"
        case .animalFeed: "Animal feed"
        case .burying: "Burying"
        case .burning: "Burning"
        case .other: "Other"
        }
    }
}
