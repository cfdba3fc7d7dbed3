-- floats with exact integer values are accepted
print(3.0 & 1, 2.0 ^ 3 | 0, -1.0 ~ 0, 1 << 2.0, 2^62 | 0)
print(pcall(function() return 1.5 & 1 end))
print(pcall(function() return 1 | 2^63 end))
print(pcall(function() return math.huge >> 1 end))
print(pcall(function() return (0/0) ~ 1 end))
-- strings are converted as well
print("3" & 1, "0x10" | 0, "3.0" ~ 1, ~"0")
print(pcall(function() return "1.5" & 1 end))
print(pcall(function() return "abc" | 1 end))
print(pcall(function() return {} & 1 end))
print(pcall(function() local s = "x" return 1 << s end))
print(pcall(function() local n return n >> 1 end))
print(pcall(function() local t = {} return ~t.v end))
