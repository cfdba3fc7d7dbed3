-- os.time normalizes fields and updates the table
local function fields(t)
  return string.format("%d-%02d-%02d %02d:%02d:%02d yday=%d wday=%d", t.year, t.month, t.day, t.hour, t.min, t.sec, t.yday, t.wday)
end
local cases = {
  {year = 2000, month = 14, day = 35, hour = 12},
  {year = 2000, month = 1, day = 0, hour = 12},
  {year = 2000, month = 0, day = 1, hour = 12},
  {year = 2001, month = 3, day = -1, hour = 12},
  {year = 2000, month = 1, day = 1, hour = 12, min = 90, sec = 3700},
  {year = 2000, month = 1, day = 1, hour = 36},
  {year = 2000, month = 1, day = 1, hour = 12, min = -30},
  {year = 2000, month = 1, day = 1, hour = 12, sec = -1},
  {year = 2000, month = 2, day = 29, hour = 12},
  {year = 1999, month = 2, day = 29, hour = 12},
  {year = 2000, month = 12, day = 31, hour = 12},
}
for _, t in ipairs(cases) do
  os.time(t)
  print(fields(t))
end
print(os.time({year = 2000, month = 1, day = 32, hour = 12}) == os.time({year = 2000, month = 2, day = 1, hour = 12}))
