-- strings: string building with .., table.concat, string.rep, string.format,
-- plus sub/byte/char/upper/len.
local N = tonumber(arg and arg[1]) or 100000

local function checksum(s)
  local h = 0
  for i = 1, #s, 7 do h = (h * 31 + s:byte(i)) % 1000000007 end
  return h
end

-- repeated concatenation into a growing string (quadratic copying, bounded)
local s = ""
for i = 1, 6000 do s = s .. (i % 10) end
local c1 = checksum(s)

-- buffer pattern with table.concat
local parts = {}
for i = 1, N do parts[#parts + 1] = "item" .. i end
local joined = table.concat(parts, ",")
local c2 = checksum(joined) + #joined

-- string.format with various items
local fparts = {}
for i = 1, N do
  fparts[i] = string.format("%d:%5.2f:%s:%x|", i, i / 7, "v" .. (i % 13), i * 3)
end
local formatted = table.concat(fparts)
local c3 = checksum(formatted) + #formatted

-- string.rep, sub, upper, char/byte
local acc = 0
for i = 1, N // 4 do
  local r = string.rep("ab", i % 20 + 1, "-")
  local u = r:upper()
  acc = acc + #u + u:byte(1) + #r:sub(2, -2)
  acc = acc + #string.char(65 + i % 26, 97 + i % 26)
end

-- tostring / tonumber round trips
local tn = 0
for i = 1, N do tn = tn + tonumber(tostring(i * 3)) + #tostring(i + 0.5) end

print("concat", c1, #s)
print("table.concat", c2)
print("format", c3)
print("rep", acc)
print("tostring", tn)
