-- conversions on other fixed times (morning, start of year, leap day)
local times = {0, 86400 * 365, 951782400, 1009843199, 1230768000, 1104537600, 1262304000}
for _, t in ipairs(times) do
  print(os.date("!%a %A %b %B %d %e %j %U %W %V %G %g %u %w %I %p %y %C", t))
end
print(os.date("!%c", 0))
print(os.date("!%c", 86400 * 365))
print(os.date("!%x %X %D %T %R %r %F", 1234567890))
