-- flag combinations on float conversions
local f = string.format
local flags = {"", "-", "+", " ", "#", "0", "-+", "+0", " 0", "#0", "-#", "+ ", "-0", "-+ #0"}
for _, conv in ipairs{"f", "e", "g"} do
  for _, fl in ipairs(flags) do
    local spec = "%" .. fl .. "12.3" .. conv
    print(spec, "[" .. f(spec, 3.14159) .. "]", "[" .. f(spec, -0.001) .. "]", "[" .. f(spec, 1e10) .. "]")
  end
end
for _, fl in ipairs(flags) do
  local spec = "%" .. fl .. "8d"
  print(spec, "[" .. f(spec, 7) .. "]", "[" .. f(spec, -7) .. "]")
end
