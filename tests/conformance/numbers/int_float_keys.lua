-- float keys with integer values are normalized to integers
local t = {}
t[1] = "int"; t[1.0] = "float"; t[2.0] = "two"
print(t[1], #t, t[2], math.type(next({[3.0] = true})))
t[2^53] = "big"
print(t[2^53], t[9007199254740992], t[math.tointeger(2^53)])
t[1.5] = "frac"; t["1"] = "str"
print(t[1.5], t["1"], t[1])
local keys = {}
for k in pairs({[1.0] = 1, [2.5] = 2, [-0.0] = 3}) do keys[#keys + 1] = math.type(k) .. ":" .. tostring(k) end
table.sort(keys)
print(table.concat(keys, " "))
print(pcall(function() local u = {}; u[0/0] = 1 end))
print(pcall(rawset, {}, 0/0, 1))
print(({[0/0 == 0/0] = "x"})[false])
local m = {[math.mininteger] = "min", [math.maxinteger] = "max"}
print(m[math.mininteger], m[-2^63], m[math.maxinteger], m[2^63])
