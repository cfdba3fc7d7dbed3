-- how deep natives may nest (pcall, coroutine.wrap, __index, gsub callbacks) before "C stack overflow": lua5.3 counts lua.c's pmain as one level
local max = 0
local function f(n) max = n; local ok, e = pcall(f, n + 1); return ok, e end
local ok, e = f(1)
print("pcall depth", max)
max = 0
local function g(n) max = n; return coroutine.wrap(function () return g(n + 1) end)() end
print(pcall(g, 1)); print("wrap depth", max)
max = 0
local mt = {}
mt.__index = function (t, k) max = max + 1; return setmetatable({}, mt)[k] end
print(pcall(function () return setmetatable({}, mt).x end)); print("__index depth", max)
max = 0
local function s(n) max = n; return string.gsub("a", "a", function () return s(n + 1) end) end
print(pcall(s, 1)); print("gsub depth", max)
