-- which of the 128 ASCII characters each class matches (C locale)
for _, cls in ipairs{"%a", "%c", "%d", "%g", "%l", "%p", "%s", "%u", "%w", "%x", "%A", "%S", "."} do
  local n, first, last = 0, nil, nil
  local sample = {}
  for i = 0, 127 do
    local c = string.char(i)
    if c:find("^" .. cls .. "$") then
      n = n + 1
      first = first or i
      last = i
      if #sample < 8 and i >= 33 and i < 127 then sample[#sample + 1] = c end
    end
  end
  print(cls, n, first, last, table.concat(sample))
end
print(("a1 B2_c3"):gsub("[%w_]", "*"))
print(("x.y-z"):gsub("[%p]", "#"))
print(("tab\tnl\nsp "):gsub("%s", "_"))
