-- Table keys: floats with an integral value in the 32-bit range become integer keys; beyond it
-- (2^31) they stay floats.
local t = {}
t[1.0] = "a"; t[2] = "b"; t[2^31] = "big"; t[-2^31] = "min"; t[2^24 + 0.0] = "f24"; t[0.5] = "half"
t[math.maxinteger] = "max"; t[2^40] = "huge"
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = string.format("%s:%s=%s", math.type(k), tostring(k), v) end
table.sort(keys)
print(table.concat(keys, " "))
print(t[1], t[2.0], t[2^31], t[-2147483648], t[16777216], t[0.5], t[2147483647.0], t[2^40])
print(#t, rawlen(t), rawget(t, 1.0), rawget(t, 2^31))
local u = {}
for i = 1, 5 do u[i + 0.0] = i end
print(#u, u[3], next({}, nil))
local count = 0
for k in pairs(t) do count = count + 1 end
print("count", count)
local v = {[2^31] = 1}
v[2^31] = nil
print(next(v))
local w = {}
w[16777217] = "int"
w[16777217 + 0.0] = "float"
print(w[16777217], w[16777216], w[16777216.0])
print(pcall(function() local x = {} x[0/0] = 1 end))
