-- library functions go through metamethods where lua5.3's do (lua_geti/lua_seti/lua_len, __tostring, __name)
local log = {}
local store = {10, 20, 30}
local proxy = setmetatable({}, {
  __index = function (t, k) log[#log + 1] = "get " .. tostring(k); return store[k] end,
  __newindex = function (t, k, v) log[#log + 1] = "set " .. tostring(k); store[k] = v end,
  __len = function () log[#log + 1] = "len"; return #store end,
})
print(table.concat(proxy, ","))
table.insert(proxy, 40)
table.insert(proxy, 1, 5)
print(table.remove(proxy), table.remove(proxy, 1))
print(table.unpack(proxy))
table.sort(proxy, function (a, b) return a > b end)
print(table.concat(store, ","))
print(table.move(proxy, 1, 3, 2)[1])
for i, v in ipairs(proxy) do io.write(i, "=", v, " ") end print()
print(#log, log[1], log[#log])
print(select("#", table.unpack({}, 1, 3)))
local named = setmetatable({}, {__name = "MyType"})
print((tostring(named):gsub("0x%x+", "ADDR")))
print(pcall(string.rep, named))
print(string.format("%s|%10s", setmetatable({}, {__tostring = function () return "TS" end}), "x"))
print(pcall(string.format, "%d", setmetatable({}, {__tostring = function () return "1" end})))
print(pcall(tostring, setmetatable({}, {__tostring = function () return {} end})))
print(pcall(function () return #setmetatable({}, {__len = function () return "x" end}) end))
print(pcall(table.insert, setmetatable({}, {__len = function () return "x" end}), 1))
print(pcall(table.concat, setmetatable({}, {__len = function () return 2.5 end})))
print(rawlen({1, 2}), pcall(rawlen, 5))
print(rawequal(proxy, proxy), rawequal("a", "a"), pcall(rawequal, 1))
print(next({}), pcall(next, {}, "nokey"))
local eq = {__eq = function () return true end}
local x, y = setmetatable({}, eq), setmetatable({}, eq)
print(x == y, rawequal(x, y))
local cmp = {__lt = function (a, b) return a.v < b.v end, __le = function (a, b) return a.v <= b.v end}
local arr = {}
for i, v in ipairs{3, 1, 2} do arr[i] = setmetatable({v = v}, cmp) end
table.sort(arr)
print(arr[1].v, arr[2].v, arr[3].v)
print(pcall(table.sort, {1, "x", 2}))
print(pcall(table.sort, {3, 2, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12}, function (a, b) return true end))
print(math.max(1, 2.5), math.min(-0.0, 0.0), pcall(math.max))
print(string.rep("ab", 3, ","), ("x"):rep(0), pcall(("x").rep, "x", -1))
