-- table_hash: hash-part insert, lookup, update, delete and pairs with string keys.
local N = tonumber(arg and arg[1]) or 130000
local ROUNDS = 4

local keys = {}
for i = 1, N do keys[i] = "key" .. i .. "_" .. (i * 7919 % 1000) end

local total, found = 0, 0
for r = 1, ROUNDS do
  local h = {}
  for i = 1, N do h[keys[i]] = i + r end                 -- insert (rehash as it grows)
  for i = 1, N, 3 do h[keys[i]] = h[keys[i]] * 2 end     -- update
  for i = 1, N do                                        -- lookups, some misses
    local v = h[keys[(i * 31) % N + 1]]
    if v then found = found + 1; total = total + v end
    if h["missing" .. (i % 50)] then total = total - 1 end
  end
  for i = 2, N, 2 do h[keys[i]] = nil end                -- delete half
  local cnt, s = 0, 0
  for k, v in pairs(h) do cnt = cnt + 1; s = s + v end   -- traversal
  total = total + cnt + s % 1000003
end

-- record-like tables with field names (constant string keys)
local acc = 0
for i = 1, N * 2 do
  local rec = { name = "n", id = i, x = i * 2, y = i * 3, z = i % 5 }
  rec.w = rec.x + rec.y - rec.z
  acc = acc + rec.w + rec.id
end

print("total", total, "found", found)
print("records", acc)
