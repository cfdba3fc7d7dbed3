-- yields across C functions without continuations fail
local function try(name, f)
  local co = coroutine.create(f)
  print(name, coroutine.resume(co))
  print(name, coroutine.status(co))
end
try("sort", function() table.sort({3, 2, 1}, function(a, b) coroutine.yield("s") return a < b end) end)
try("gsub", function() return (string.gsub("ab", ".", function(c) return coroutine.yield(c) end)) end)
try("tostring", function() return tostring(setmetatable({}, {__tostring = function() return coroutine.yield() end})) end)
try("load reader", function() return load(function() coroutine.yield() end) end)
try("__gc-free require", function() package.preload.yieldmod = function() coroutine.yield() end; return require("yieldmod") end)
try("select ok", function() return select(2, coroutine.yield("sel")) end)
try("pcall sort", function() return pcall(table.sort, {2, 1}, function(a, b) coroutine.yield() return a < b end) end)
try("ipairs __index", function()
  local t = setmetatable({}, {__index = function(_, i) if i < 3 then return coroutine.yield(i) end end})
  for i, v in ipairs(t) do print(i, v) end
end)
