local parts = {}
for i = 1, 100 do parts[#parts + 1] = string.format("%03d", i) end
local s = table.concat(parts, ",")
print(#s, s:sub(1, 23), s:sub(-11))
local acc = ""
for i = 1, 50 do acc = acc .. i % 10 end
print(acc)
local words = {}
for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do words[#words + 1] = w end
table.sort(words)
print(table.concat(words, " "))
local freq = {}
for c in ("mississippi"):gmatch(".") do freq[c] = (freq[c] or 0) + 1 end
local keys = {}
for k in pairs(freq) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, freq[k], " ") end print()
