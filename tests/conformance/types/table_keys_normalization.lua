-- float keys with integral values are normalized to integers
local t = {}
t[1] = "int"
print(t[1.0], t[1])
t[2.0] = "float two"
print(t[2], math.type(next({[2.0] = true})))
t[2^53] = "big"
print(t[2^53], t[math.tointeger(2^53)])
t[1.5] = "one and a half"
print(t[1.5], t[3/2])
-- string keys are different from number keys
t["1"] = "string one"
print(t[1], t["1"])
-- -0.0 and 0 are the same key
t[0] = "zero"
print(t[-0.0], t[0.0])
local keys = {}
for k in pairs({[1] = 1, [1.0] = 2, [2] = 3}) do keys[#keys + 1] = math.type(k) .. ":" .. k end
table.sort(keys)
print(table.concat(keys, " "))
-- booleans and tables as keys
local k1, k2 = {}, {}
t[k1] = "k1"; t[k2] = "k2"; t[true] = "yes"; t[false] = "no"
print(t[k1], t[k2], t[true], t[false])
