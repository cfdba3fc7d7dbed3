-- binary chunks delivered by a reader in pieces of different sizes
local d = string.dump(function(...) return select('#', ...), ... end)
for _, size in ipairs({1, 2, 3, 7, 64, 1000}) do
  local pos = 1
  local f, e = load(function()
    local piece = d:sub(pos, pos + size - 1)
    pos = pos + size
    return piece
  end, "=pieces", "b")
  print(size, f and f(1, 2) or e)
end
-- empty string pieces end the chunk early
local pos = 1
print(load(function() local p = d:sub(pos, pos + 9) pos = pos + 10 if pos > 30 then return "" end return p end, "=early"))
-- reader returning a non-string
print(pcall(load, function() return {} end, "=tbl"))
