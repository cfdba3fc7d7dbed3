-- corrupting each header byte
local d = string.dump(function() return 1 end)
for i = 2, 33 do
  local bad = d:sub(1, i - 1) .. string.char((d:byte(i) + 1) % 256) .. d:sub(i + 1)
  local f, e = load(bad, "=hdr", "b")
  print(i, f and "loaded" or e)
end
local v52 = d:sub(1, 4) .. "\82" .. d:sub(6)
print(load(v52, "=v52"))
local v54 = d:sub(1, 4) .. "\84" .. d:sub(6)
print(load(v54, "=v54"))
