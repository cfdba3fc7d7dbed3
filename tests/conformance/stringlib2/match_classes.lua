-- pattern classes: each class over all 256 bytes (counts), sets, ranges
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
for _, c in ipairs{"%a", "%c", "%d", "%g", "%l", "%p", "%s", "%u", "%w", "%x", "%z",
                   "%A", "%C", "%D", "%G", "%L", "%P", "%S", "%U", "%W", "%X", "%Z", "."} do
  local _, n = s:gsub(c, "")
  print(c, 256 - #s:gsub(c, ""), n)
end
for _, set in ipairs{"[a-f]", "[^a-f]", "[%a_]", "[%d%.]", "[]]", "[^]]", "[a-]", "[-a]", "[%]]", "[%-]",
                     "[z-a]", "[%w-]", "[^%s%p]", "[\0-\31]", "[^%z]"} do
  local _, n = s:gsub(set, "")
  print((set:gsub("%c", "?")), n)
end
