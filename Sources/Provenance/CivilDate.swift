#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

// A calendar date, as the wire format writes it:
//
//     date = year month day      ; YYYYMMDD, Gregorian, for example 20261101
//
// JSON, CSV and the trust list write the ISO 8601 form YYYY-MM-DD.

/// A calendar day with no time and no zone: issue, expiry, harvest and key-validity dates.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1–9999.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31 as the month allows.
    public let day: Int

    /// A date from its parts, or `nil` when there is no such day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= Self.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYYMMDD` (the wire form) or `YYYY-MM-DD` (the ISO 8601 form).
    public init?(_ text: some StringProtocol) {
        let digits = Array(text.utf8)
        let parts: [ArraySlice<UInt8>]
        if digits.count == 8 {
            parts = [digits[0..<4], digits[4..<6], digits[6..<8]]
        } else if digits.count == 10, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-") {
            parts = [digits[0..<4], digits[5..<7], digits[8..<10]]
        } else {
            return nil
        }
        var values: [Int] = []
        for part in parts {
            var value = 0
            for byte in part {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            values.append(value)
        }
        self.init(year: values[0], month: values[1], day: values[2])
    }

    /// `YYYYMMDD`, as the wire format writes it.
    public var compact: String { pad(year, 4) + pad(month, 2) + pad(day, 2) }

    /// `YYYY-MM-DD`.
    public var description: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Today's date at a fixed offset from UTC; Vietnam keeps UTC+7 all year.
    ///
    /// - Parameter utcOffsetHours: The zone's offset from UTC in hours.
    /// - Returns: The date there now.
    public static func today(utcOffsetHours: Int = 7) -> CivilDate {
        // Whole days since 1970-01-01 at the offset, counted from that day: no C library needed.
        let seconds = Int(Date().timeIntervalSince1970.rounded(.down)) + utcOffsetHours * 3600
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return CivilDate(year: 1970, month: 1, day: 1)!.adding(days: days)!
    }

    /// The day `days` after this one (before it when negative), or `nil` outside 0001-01-01 to 9999-12-31.
    public func adding(days: Int) -> CivilDate? {
        // Days since 0000-03-01 and back: H. Hinnant's days-from-civil and civil-from-days.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let z = era * 146_097 + doe + days
        let era2 = (z >= 0 ? z : z - 146_096) / 146_097
        let doe2 = z - era2 * 146_097
        let yoe2 = (doe2 - doe2 / 1460 + doe2 / 36524 - doe2 / 146_096) / 365
        let doy2 = doe2 - (365 * yoe2 + yoe2 / 4 - yoe2 / 100)
        let mp = (5 * doy2 + 2) / 153
        let d = doy2 - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return CivilDate(year: yoe2 + era2 * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
