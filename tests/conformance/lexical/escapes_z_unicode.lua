local function bytes(s)
  local t = {}
  for i = 1, #s do t[#t + 1] = string.byte(s, i) end
  return #s .. ":" .. table.concat(t, ",")
end
-- \z skips following whitespace including newlines
local s = "abc\z
           def\z     ghi"
print(s, #s)
print("x\z
      \z
      y")
-- \u{XXX} utf-8 encoding
print(bytes("\u{41}"), bytes("\u{7F}"), bytes("\u{80}"), bytes("\u{7FF}"))
print(bytes("\u{800}"), bytes("\u{FFFF}"), bytes("\u{10000}"), bytes("\u{10FFFF}"))
print(load([[return "\u{7FFFFFFF}"]]))
print(bytes(load([[return "\u{10FFFF}\u{3FF}"]])()))
print(bytes("\u{0000041}"), bytes("\u{e9}"))
print(utf8 and utf8.char(72, 228, 8364) == "H\u{E4}\u{20AC}")
print(load('return "\\u{110000000}"'))
print(load('return "\\u{}"'))
print(load('return "\\u41"'))
