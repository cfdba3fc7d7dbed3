import FlashLuaCore
import FlashLuaText

/// The os library (loslib.c). Dates come from FlashLuaText's calendar (proleptic Gregorian, C
/// locale strftime conversions); the host supplies the clock, the time zone and the file system.
extension LuaState {
    func openOSLibrary() throws(LuaError) {
        let lib = try newTable(arraySize: 0, hashSize: 16)
        try register(
            lib,
            [
                ("clock", { (L: LuaState) throws(LuaError) -> Int in L.returnValue(L.number(L.host.clock())) }),
                ("date", { (L: LuaState) throws(LuaError) -> Int in try L.osDate() }),
                (
                    "difftime",
                    { (L: LuaState) throws(LuaError) -> Int in
                        let t1 = try L.checkInteger(1)
                        let t2 = try L.checkInteger(2)
                        return L.returnValue(L.number(Double(t1) - Double(t2)))
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
            date = BrokenDownTime(time: time, utcOffset: 0, isDaylightSaving: false, zoneName: "GMT")
        } else if let zone = host.localTimeZone(time) {
            date = BrokenDownTime(time: time, zone)
        } else {
            date = nil
        }
        guard let date else { throw nativeError("time result cannot be represented in this installation") }
        if format.count - s == 2 && format[s] == UInt8(ascii: "*") && format[s + 1] == UInt8(ascii: "t") {
            let t = try newTable(arraySize: 0, hashSize: 9)
            try setDateFields(t, date)
            return returnValue(Value(t))
        }
        switch date.strftime(format[s...]) {
        case .success(let out): return returnValue(Value(try newString(out)))
        case .failure(let error): throw textError(error)
        }
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
            let date = BrokenDownTime(time: time, zone)
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

extension BrokenDownTime {
    /// The moment `time` in the host's zone `zone`.
    init?(time: Int64, _ zone: LocalTimeZone) {
        self.init(time: time, utcOffset: zone.utcOffset, isDaylightSaving: zone.isDaylightSaving, zoneName: zone.name)
    }
}
