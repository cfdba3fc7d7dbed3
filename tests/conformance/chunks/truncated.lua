-- every proper prefix of a binary chunk is refused
local function f(x) local t = {x, "s", 2.5} return #t + x end
for _, strip in ipairs({false, true}) do
  local d = string.dump(f, strip)
  local counts = {}
  for n = 1, #d - 1 do
    local g, e = load(d:sub(1, n), "=trunc", "b")
    assert(g == nil)
    counts[e] = (counts[e] or 0) + 1
  end
  local keys = {}
  for k in pairs(counts) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do print(strip, k, counts[k]) end
  print(load(d, "=trunc", "b")(1))
end
print(load("\27", "=one"))
print(load("\27Lua", "=sig"))
print(load("\27Lua\83", "@file.luac"))
print(load("\27Lu"))
