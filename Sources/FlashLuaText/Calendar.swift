/// The proleptic Gregorian calendar as C's gmtime/mktime/strftime see it (C locale), for os.date
/// and os.time. Pure arithmetic: the host supplies the clock and the zone offset.

public func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

public func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
    a - floorDivide(a, b) * b
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1...12).
public func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = floorDivide(y, 400)
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
}

/// A moment as struct tm holds it, with strftime's C-locale conversions.
public struct BrokenDownTime: Sendable {
    public var year: Int64
    /// 1...12
    public var month: Int64
    public var day: Int64
    public var hour: Int64
    public var minute: Int64
    public var second: Int64
    /// 1...366
    public var yearDay: Int64
    /// 0 = Sunday
    public var weekDay: Int64
    public var isDaylightSaving: Bool
    public var utcOffset: Int64
    public var zoneName: String

    /// The moment `time` (seconds since the epoch) on a clock `utcOffset` seconds ahead of UTC;
    /// nil when the year does not fit a C int (gmtime/localtime fail).
    public init?(time: Int64, utcOffset: Int64, isDaylightSaving: Bool, zoneName: String) {
        let (t, overflow) = time.addingReportingOverflow(utcOffset)
        if overflow { return nil }
        let days = floorDivide(t, 86400)
        // t % 86400 rather than t - days * 86400, which overflows near Int64.min.
        let remainder = t % 86400
        let secs = remainder < 0 ? remainder + 86400 : remainder
        hour = secs / 3600
        minute = secs % 3600 / 60
        second = secs % 60
        weekDay = floorModulo(days + 4, 7)
        // civil_from_days
        let z = days + 719468
        let era = floorDivide(z, 146097)
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        if year - 1900 > Int64(Int32.max) || year - 1900 < Int64(Int32.min) { return nil }
        yearDay = days - daysFromCivil(year, 1, 1) + 1
        self.isDaylightSaving = isDaylightSaving
        self.utcOffset = utcOffset
        self.zoneName = zoneName
    }

    static let weekDayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    var isLeapYear: Bool { BrokenDownTime.isLeap(year) }
    static func isLeap(_ y: Int64) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    /// ISO 8601 week-based year and week number (glibc's iso_week_days).
    var isoWeek: (year: Int64, week: Int64) {
        func isoWeekDays(_ yday: Int64, _ wday: Int64) -> Int64 {
            // Days since the Monday of the first ISO week of the year (yday 0-based).
            let bigEnough = 366 / 7 + 2
            return yday - (yday - wday + 4 + Int64(bigEnough) * 7) % 7 + 3
        }
        var y = year
        let yday = yearDay - 1
        var days = isoWeekDays(yday, weekDay)
        if days < 0 {
            y -= 1
            days = isoWeekDays(yday + (BrokenDownTime.isLeap(y) ? 366 : 365), weekDay)
        } else {
            let d = isoWeekDays(yday - (isLeapYear ? 366 : 365), weekDay)
            if d >= 0 {
                y += 1
                days = d
            }
        }
        return (y, days / 7 + 1)
    }

    /// strftime in the C locale: `format` with each conversion replaced, or the first invalid
    /// conversion (loslib.c's checkoption; the message shows the rest of the format).
    public func strftime(_ format: ArraySlice<UInt8>) -> Result<[UInt8], TextError> {
        var out: [UInt8] = []
        var s = format.startIndex
        while s < format.endIndex {
            let c = format[s]
            if c != UInt8(ascii: "%") {
                out.append(c)
                s += 1
                continue
            }
            s += 1
            if s < format.endIndex && BrokenDownTime.conversions.contains(format[s]) {
                self.format(format[s], into: &out)
                s += 1
            } else if s + 1 < format.endIndex && BrokenDownTime.modifiedConversions.contains([format[s], format[s + 1]]) {
                // The C locale has no alternative forms: %Ec is %c, %Oy is %y.
                self.format(format[s + 1], into: &out)
                s += 2
            } else {
                // Up to a zero byte, as C's %s shows it.
                let rest = format[s...].prefix { $0 != 0 }
                return .failure(TextError("invalid conversion specifier '%\(String(decoding: rest, as: UTF8.self))'", argument: 1))
            }
        }
        return .success(out)
    }

    /// One-character conversions, then the E and O modified ones.
    static let conversions = Array("aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%".utf8)
    static let modifiedConversions: [[UInt8]] = [
        "Ec", "EC", "Ex", "EX", "Ey", "EY", "Od", "Oe", "OH", "OI", "Om", "OM", "OS", "Ou", "OU", "OV", "Ow", "OW", "Oy",
    ].map { Array($0.utf8) }

    /// Appends conversion `c` (one letter of strftime) to `out`.
    public func format(_ c: UInt8, into out: inout [UInt8]) {
        func text(_ s: String) { out.append(contentsOf: s.utf8) }
        func number(_ n: Int64, _ width: Int, pad: UInt8 = UInt8(ascii: "0")) {
            let digits = Array(String(n.magnitude).utf8)
            let length = digits.count + (n < 0 ? 1 : 0)
            if pad != UInt8(ascii: "0") && length < width { out.append(contentsOf: [UInt8](repeating: pad, count: width - length)) }
            if n < 0 { out.append(UInt8(ascii: "-")) }
            if pad == UInt8(ascii: "0") && length < width { out.append(contentsOf: [UInt8](repeating: pad, count: width - length)) }
            out.append(contentsOf: digits)
        }
        /// A conversion defined by others (%D is %m/%d/%y): letters convert, the rest is copied.
        func compose(_ spec: String) {
            for x in spec.utf8 { if CharacterClass.isAlpha(x) { format(x, into: &out) } else { out.append(x) } }
        }
        let hour12 = hour % 12 == 0 ? 12 : hour % 12
        switch c {
        case UInt8(ascii: "a"): text(String(BrokenDownTime.weekDayNames[Int(weekDay)].prefix(3)))
        case UInt8(ascii: "A"): text(BrokenDownTime.weekDayNames[Int(weekDay)])
        case UInt8(ascii: "b"), UInt8(ascii: "h"): text(String(BrokenDownTime.monthNames[Int(month - 1)].prefix(3)))
        case UInt8(ascii: "B"): text(BrokenDownTime.monthNames[Int(month - 1)])
        case UInt8(ascii: "c"): compose("a b e H:M:S Y")
        // glibc pads the century to two digits only from year 1000 on (years 0...999 give 0...9).
        case UInt8(ascii: "C"): number(floorDivide(year, 100), 1)
        case UInt8(ascii: "d"): number(day, 2)
        case UInt8(ascii: "D"), UInt8(ascii: "x"): compose("m/d/y")
        case UInt8(ascii: "e"): number(day, 2, pad: UInt8(ascii: " "))
        case UInt8(ascii: "F"): compose("Y-m-d")
        case UInt8(ascii: "g"): number(floorModulo(isoWeek.year, 100), 2)
        case UInt8(ascii: "G"): number(isoWeek.year, 1)
        case UInt8(ascii: "H"): number(hour, 2)
        case UInt8(ascii: "I"): number(hour12, 2)
        case UInt8(ascii: "j"): number(yearDay, 3)
        case UInt8(ascii: "m"): number(month, 2)
        case UInt8(ascii: "M"): number(minute, 2)
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "p"): text(hour < 12 ? "AM" : "PM")
        case UInt8(ascii: "r"): compose("I:M:S p")
        case UInt8(ascii: "R"): compose("H:M")
        case UInt8(ascii: "S"): number(second, 2)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "T"), UInt8(ascii: "X"): compose("H:M:S")
        case UInt8(ascii: "u"): number(weekDay == 0 ? 7 : weekDay, 1)
        case UInt8(ascii: "U"): number((yearDay - 1 + 7 - weekDay) / 7, 2)
        case UInt8(ascii: "V"): number(isoWeek.week, 2)
        case UInt8(ascii: "w"): number(weekDay, 1)
        case UInt8(ascii: "W"): number((yearDay - 1 + 7 - (weekDay + 6) % 7) / 7, 2)
        case UInt8(ascii: "y"): number(floorModulo(year, 100), 2)
        case UInt8(ascii: "Y"): number(year, 1)
        case UInt8(ascii: "z"):
            let off = utcOffset
            out.append(off < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let m = off.magnitude / 60
            number(Int64(m / 60), 2)
            number(Int64(m % 60), 2)
        case UInt8(ascii: "Z"): text(zoneName)
        case UInt8(ascii: "%"): out.append(UInt8(ascii: "%"))
        default: break
        }
    }
}
