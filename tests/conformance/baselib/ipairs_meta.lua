-- ipairs honours __ipairs (LUA_COMPAT_IPAIRS, part of Debian's LUA_COMPAT_5_2).
local calls = 0
local t = setmetatable({10, 20, 30}, {__ipairs = function(self)
  calls = calls + 1
  return function(s, i)
    if i < 5 then return i + 1, "v" .. (i + 1) end
  end, self, 0
end})
for i, v in ipairs(t) do print(i, v) end
print("calls", calls)

-- exactly three results from the metamethod, whatever it returns
local u = setmetatable({}, {__ipairs = function(self) return 1, 2, 3, 4, 5 end})
print(select("#", ipairs(u)), ipairs(u))
local w = setmetatable({}, {__ipairs = function(self) return "only" end})
print(select("#", ipairs(w)), ipairs(w))
local got
local x = setmetatable({}, {__ipairs = function(...) got = table.pack(...) return next, {} end})
ipairs(x, "extra")
print(got.n, got[1] == x)

-- a false __ipairs is called (only nil means "none"), a nil one is ignored
print(pcall(ipairs, setmetatable({}, {__ipairs = false})))
for i, v in ipairs(setmetatable({"a", "b"}, {__ipairs = nil})) do print(i, v) end

-- __ipairs is read raw from the metatable
local mt = setmetatable({}, {__index = function(_, k) return function() return nil end end})
for i, v in ipairs(setmetatable({"p", "q"}, mt)) do print(i, v) end

-- errors in the metamethod propagate
print(pcall(ipairs, setmetatable({}, {__ipairs = function() error("boom") end})))
print(pcall(ipairs, setmetatable({}, {__ipairs = function() error({}) end})))

-- strings have a metatable without __ipairs: ipairs indexes them through __index
print(pcall(function() for i, v in ipairs("abc") do print(i, v) end end))
string_mt = getmetatable("")
string_mt.__ipairs = function(s) return function(s, i) if i < #s then return i + 1, s:sub(i + 1, i + 1) end end, s, 0 end
for i, c in ipairs("xyz") do print(i, c) end
string_mt.__ipairs = nil

-- __index still drives the default iterator
local p = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * i end end})
for i, v in ipairs(p) do print(i, v) end
print(pcall(ipairs))
print(pcall(ipairs, nil))
