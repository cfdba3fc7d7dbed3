-- the numeric for variable is a fresh local; the outer one is untouched
local i = "outer"
for i = 1, 3 do end
print(i)
-- assigning to the loop variable does not affect iteration count
local count = 0
for j = 1, 5 do j = j + 10 count = count + 1 end
print(count)
-- loop limits evaluated once, in order init, limit, step
local order = {}
local function v(name, x) order[#order + 1] = name return x end
for k = v("init", 1), v("limit", 2), v("step", 1) do end
print(table.concat(order, " "))
-- generic for explist evaluated once
order = {}
for k in v("explist", function(_, c) if not c then return 1 end end) do order[#order + 1] = "body" end
print(table.concat(order, " "))
