import FlashLuaCore
import FlashLuaText

/// The os library (loslib.c). Dates are computed here (proleptic Gregorian calendar, C locale
/// strftime conversions); the host supplies the clock, the time zone and the file system.
extension LuaState {
    func openOSLibrary() throws(LuaError) {
        let lib = try newTable(arraySize: 0, hashSize: 16)
        try register(
            lib,
            [
                ("clock", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(Value(L.host.clock())) }),
                ("date", { (L: LuaState) throws(LuaError) -> Int in try L.osDate() }),
                (
                    "difftime",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let t1 = try L.checkInteger(1)
                        let t2 = try L.checkInteger(2)
                        return L.returnValue(Value(Double(t1) - Double(t2)))
                    }
                ),
                (
                    "execute",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let command = try L.optionalString(1)?.swiftString
                        let status = L.host.files.runCommand(command)
                        if command == nil { return L.returnValue(Value(status != 0)) }
                        return try L.executionResult(status, handle: -1)
                    }
                ),
                (
                    "exit",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let status: Int32
                        let v = L.argument(1)
                        if v.tag == .boolean {
                            status = v.boolean ? 0 : 1
                        } else {
                            status = Int32(truncatingIfNeeded: try L.optionalInteger(1, default: 0))
                        }
                        let close = !L.argument(2).isFalsy
                        if close { L.close() }
                        L.host.exit(status, close)
                        return 0
                    }
                ),
                (
                    "getenv",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let name = try L.checkString(1)
                        guard let value = L.host.environment(name.swiftString) else { return L.returnValue(.nil) }
                        return L.returnValue(Value(try L.newString(value)))
                    }
                ),
                (
                    "remove",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let name = try L.checkString(1).swiftString
                        return try L.fileResult(L.host.files.remove(name), name: name)
                    }
                ),
                (
                    "rename",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let from = try L.checkString(1).swiftString
                        let to = try L.checkString(2).swiftString
                        return try L.fileResult(L.host.files.rename(from, to), name: nil)
                    }
                ),
                (
                    "setlocale",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let locale = try L.optionalString(1)
                        _ = try L.checkOption(2, default: "all", ["all", "collate", "ctype", "monetary", "numeric", "time"])
                        // Only the C locale exists here.
                        guard let locale else { return L.returnValue(Value(try L.newString("C"))) }
                        let name = locale.swiftString
                        if name == "" || name == "C" || name == "POSIX" { return L.returnValue(Value(try L.newString("C"))) }
                        return L.returnValue(.nil)
                    }
                ),
                ("time", { (L: LuaState) throws(LuaError) -> Int in try L.osTime() }),
                (
                    "tmpname",
                    { (L: LuaState) throws(LuaError) -> Int in
                        guard let name = L.host.files.temporaryName() else {
                            throw L.nativeError("unable to generate a unique filename")
                        }
                        return L.returnValue(Value(try L.newString(name)))
                    }
                ),
            ])
        try setField(globals, "os", Value(lib))
        try setLoaded("os", Value(lib))
    }

    /// luaL_fileresult: true, or nil + "name: reason" + errno.
    func fileResult(_ errno: Int32, name: String?) throws(LuaError) -> Int {
        if errno == 0 { return returnValue(.true) }
        let reason = host.files.describeError(errno)
        let message = name.map { "\($0): \(reason)" } ?? reason
        return try returnValues(.nil, Value(try newString(message)), Value(Int64(errno)))
    }

    // MARK: os.date

    private func osDate() throws(LuaError) -> Int {
        let format = try optionalString(1)?.array ?? Array("%c".utf8)
        let time = argument(2).isNil ? host.time() : try checkInteger(2)
        var s = 0
        let utc = format.first == UInt8(ascii: "!")
        if utc { s = 1 }
        let date: BrokenDownTime?
        if utc {
            date = BrokenDownTime(time: time, zone: LocalTimeZone(utcOffset: 0, isDaylightSaving: false, name: "GMT"))
        } else if let zone = host.localTimeZone(time) {
            date = BrokenDownTime(time: time, zone: zone)
        } else {
            date = nil
        }
        guard let date else { throw nativeError("time result cannot be represented in this installation") }
        if format.count - s == 2 && format[s] == UInt8(ascii: "*") && format[s + 1] == UInt8(ascii: "t") {
            let t = try newTable(arraySize: 0, hashSize: 9)
            try setDateFields(t, date)
            return returnValue(Value(t))
        }
        var out: [UInt8] = []
        while s < format.count {
            let c = format[s]
            if c != UInt8(ascii: "%") {
                out.append(c)
                s += 1
                continue
            }
            s += 1
            // checkoption: one-character conversions, then E and O modified ones.
            let single = Array("aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%".utf8)
            let modified: [[UInt8]] = [
                "Ec", "EC", "Ex", "EX", "Ey", "EY", "Od", "Oe", "OH", "OI", "Om", "OM", "OS", "Ou", "OU", "OV", "Ow", "OW", "Oy",
            ].map { Array($0.utf8) }
            if s < format.count && single.contains(format[s]) {
                date.format(format[s], into: &out)
                s += 1
            } else if s + 1 < format.count && modified.contains([format[s], format[s + 1]]) {
                // The C locale has no alternative forms: %Ec is %c, %Oy is %y.
                date.format(format[s + 1], into: &out)
                s += 2
            } else {
                // The message shows the rest of the format (up to a zero byte, as C's %s).
                var rest: [UInt8] = []
                var i = s
                while i < format.count && format[i] != 0 {
                    rest.append(format[i])
                    i += 1
                }
                throw argumentError(1, "invalid conversion specifier '%\(String(decoding: rest, as: UTF8.self))'")
            }
        }
        return returnValue(Value(try newString(out)))
    }

    /// setallfields: year, month, day, hour, min, sec, yday, wday, isdst.
    private func setDateFields(_ t: LuaTable, _ d: BrokenDownTime) throws(LuaError) {
        try setField(t, "year", Value(d.year))
        try setField(t, "month", Value(d.month))
        try setField(t, "day", Value(d.day))
        try setField(t, "hour", Value(d.hour))
        try setField(t, "min", Value(d.minute))
        try setField(t, "sec", Value(d.second))
        try setField(t, "yday", Value(d.yearDay))
        try setField(t, "wday", Value(d.weekDay + 1))
        try setField(t, "isdst", Value(d.isDaylightSaving))
    }

    // MARK: os.time

    private func osTime() throws(LuaError) -> Int {
        if argument(1).isNil { return returnValue(Value(host.time())) }
        let v = argument(1)
        guard v.tag == .table else { throw argumentTypeError(1, expected: "table") }
        let t = v.table
        let sec = try dateField(v, "sec", 0, 0)
        let min = try dateField(v, "min", 0, 0)
        let hour = try dateField(v, "hour", 12, 0)
        let day = try dateField(v, "day", -1, 0)
        let month = try dateField(v, "month", -1, 1)
        let year = try dateField(v, "year", -1, 1900)
        let dstField = try getIndex(v, Value(try newString("isdst")), operand: .none)
        let isdst = dstField.isNil ? -1 : (dstField.isFalsy ? 0 : 1)
        // mktime: normalize the fields as a UTC clock, then move to the local zone.
        let y = Int64(year) + 1900 + floorDivide(Int64(month), 12)
        let m = floorModulo(Int64(month), 12)
        let days = daysFromCivil(y, m + 1, 1) + Int64(day) - 1
        let local = days * 86400 + Int64(hour) * 3600 + Int64(min) * 60 + Int64(sec)
        var result: Int64? = nil
        if let zone = host.localTimeZone(local) {
            var guess = local - zone.utcOffset
            if let z2 = host.localTimeZone(guess) {
                guess = local - z2.utcOffset
                if isdst >= 0 && (isdst == 1) != z2.isDaylightSaving {
                    guess += isdst == 1 ? -3600 : 3600
                }
                result = guess
            }
        }
        guard let time = result, time != -1, let zone = host.localTimeZone(time),
            let date = BrokenDownTime(time: time, zone: zone)
        else {
            throw nativeError("time result cannot be represented in this installation")
        }
        try setDateFields(t, date)
        return returnValue(Value(time))
    }

    /// getfield of loslib.c: an integer field within ±L_MAXDATEFIELD (INT_MAX / 2, which keeps
    /// mktime's arithmetic from overflowing), minus `delta`.
    private func dateField(_ table: Value, _ key: StaticString, _ defaultValue: Int32, _ delta: Int64) throws(LuaError) -> Int32 {
        let v = try getIndex(table, Value(try newString(key)), operand: .none)
        guard let n = toInteger(v) else {
            if !v.isNil { throw nativeError("field '\(key)' is not an integer") }
            if defaultValue < 0 { throw nativeError("field '\(key)' missing in date table") }
            return defaultValue
        }
        let maxDateField = Int64(Int32.max / 2)
        if !(-maxDateField <= n && n <= maxDateField) { throw nativeError("field '\(key)' is out-of-bound") }
        return Int32(n - delta)
    }
}

func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
    a - floorDivide(a, b) * b
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1...12).
func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = floorDivide(y, 400)
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
}

/// A moment as struct tm holds it, with strftime's C-locale conversions.
struct BrokenDownTime {
    var year: Int64
    /// 1...12
    var month: Int64
    var day: Int64
    var hour: Int64
    var minute: Int64
    var second: Int64
    /// 1...366
    var yearDay: Int64
    /// 0 = Sunday
    var weekDay: Int64
    var isDaylightSaving: Bool
    var utcOffset: Int64
    var zoneName: String

    /// nil when the year does not fit a C int (gmtime/localtime fail).
    init?(time: Int64, zone: LocalTimeZone) {
        let (t, overflow) = time.addingReportingOverflow(zone.utcOffset)
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
        isDaylightSaving = zone.isDaylightSaving
        utcOffset = zone.utcOffset
        zoneName = zone.name
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

    func format(_ c: UInt8, into out: inout [UInt8]) {
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
