-- years before 1000 and before year 0 in os.date (glibc's %C has no padding below 1000)
local function daysFromCivil(y, m, d)
  y = m <= 2 and y - 1 or y
  local era = y // 400
  local yoe = y - era * 400
  local doy = (153 * ((m + 9) % 12) + 2) // 5 + d - 1
  return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
end
local function at(y) return daysFromCivil(y, 6, 15) * 86400 + 12 * 3600 end
print(at(1970), at(2000))
for _, y in ipairs({-1001, -1000, -101, -100, -99, -10, -1, 0, 1, 9, 10, 99, 100, 999, 1000, 1899, 1900, 9999, 10000, 123456}) do
  print(y, os.date("!%Y|%C|%y|%G|%g|%F|%EC|%Ey|%D|%c|%j|%U|%V", at(y)))
end
print(os.date("!%Y %C %y", -62167219200), os.date("!%Y %C %y", -62167219201))
local d = os.date("!*t", -62167219200)
print(d.year, d.month, d.day, d.yday, d.wday)
d = os.date("!*t", -1e12)
print(d.year, d.month, d.day, d.hour, d.min, d.sec, d.yday, d.wday)
