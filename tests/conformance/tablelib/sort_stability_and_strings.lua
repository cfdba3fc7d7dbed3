-- sort is not stable, so sort by full keys for deterministic output
local people = {{"bob", 25}, {"alice", 30}, {"carol", 25}, {"dave", 30}, {"eve", 22}}
table.sort(people, function(a, b) if a[2] ~= b[2] then return a[2] > b[2] end return a[1] < b[1] end)
for _, p in ipairs(people) do io.write(p[1], "(", p[2], ") ") end print()
local strs = {"b10", "b9", "a", "B", "_", "0", "~"}
table.sort(strs)
print(table.concat(strs, " "))
table.sort(strs, function(x, y) return #x < #y or (#x == #y and x < y) end)
print(table.concat(strs, " "))
local nums = {}
for i = 1, 20 do nums[i] = (i * 13) % 7 - 3 end
table.sort(nums)
print(table.concat(nums, " "))
