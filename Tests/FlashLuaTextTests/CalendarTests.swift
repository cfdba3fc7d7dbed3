import Testing

@testable import FlashLuaText

private func utc(_ time: Int64, _ format: String) -> String? {
    guard let date = BrokenDownTime(time: time, utcOffset: 0, isDaylightSaving: false, zoneName: "GMT") else { return nil }
    switch date.strftime(Array(format.utf8)[...]) {
    case .success(let out): return String(decoding: out, as: UTF8.self)
    case .failure(let error): return "error: \(error.message)"
    }
}

@Suite struct CalendarTests {
    /// Recorded with lua5.3: os.date("!" .. format, time) on Debian (glibc, C locale).
    @Test(arguments: [
        (Int64(0), "1970-01-01 00:00:00 001 Thu 1970-01 00 00 4 4 19 70 01/01/70 12:00:00 AM"),
        (1_609_632_000, "2021-01-03 00:00:00 003 Sun 2020-53 01 00 7 0 20 21 01/03/21 12:00:00 AM"),
        (951_782_400, "2000-02-29 00:00:00 060 Tue 2000-09 09 09 2 2 20 00 02/29/00 12:00:00 AM"),
        (-2_208_988_800, "1900-01-01 00:00:00 001 Mon 1900-01 00 01 1 1 19 00 01/01/00 12:00:00 AM"),
        (253_402_300_799, "9999-12-31 23:59:59 365 Fri 9999-52 52 52 5 5 99 99 12/31/99 11:59:59 PM"),
    ])
    func conversionsMatchGlibc(time: Int64, expected: String) {
        #expect(utc(time, "%Y-%m-%d %H:%M:%S %j %a %G-%V %U %W %u %w %C %y %D %r") == expected)
    }

    @Test func civilDaysRoundTrip() {
        var day: Int64 = -1_000_000
        while day <= 1_000_000 {
            let d = BrokenDownTime(time: day * 86400 + 43200, utcOffset: 0, isDaylightSaving: false, zoneName: "")!
            #expect(daysFromCivil(d.year, d.month, d.day) == day)
            #expect(d.yearDay == day - daysFromCivil(d.year, 1, 1) + 1)
            #expect(d.weekDay == floorModulo(day + 4, 7))
            day += 997
        }
    }

    @Test func zoneOffsetAndName() {
        let d = BrokenDownTime(time: 0, utcOffset: -(5 * 3600 + 30 * 60), isDaylightSaving: true, zoneName: "XST")!
        var out: [UInt8] = []
        for c in "HMzZ".utf8 { d.format(c, into: &out) }
        #expect(String(decoding: out, as: UTF8.self) == "1830-0530XST")
        #expect(d.isDaylightSaving && d.day == 31 && d.year == 1969)
    }

    @Test func unrepresentableMomentsAreNil() {
        #expect(BrokenDownTime(time: Int64.max, utcOffset: 1, isDaylightSaving: false, zoneName: "") == nil)
        #expect(BrokenDownTime(time: Int64.max / 2, utcOffset: 0, isDaylightSaving: false, zoneName: "") == nil)
    }

    @Test func invalidConversionShowsTheRestOfTheFormat() {
        #expect(utc(0, "%Y %Ez\u{0}tail") == "error: invalid conversion specifier '%Ez'")
        #expect(utc(0, "%") == "error: invalid conversion specifier '%'")
        #expect(utc(0, "%Ey|%Od") == "70|01")
    }
}
