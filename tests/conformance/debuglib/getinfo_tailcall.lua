-- istailcall and tail call frames
local function check()
  local i = debug.getinfo(2, "nSt")
  return i.istailcall, i.name, i.namewhat, i.what
end
local function callee() return debug.getinfo(1, "t").istailcall, debug.getinfo(1, "n").name end
local function tailer() return callee() end
local function nontail() local a, b = callee() return a, b end
print(tailer())
print(nontail())
local function deep() local i = debug.getinfo(2, "nSlt") return i and i.short_src, i and i.currentline, i and i.what end
local function t1() return deep() end
print(t1())
local function x() return check() end
print(x())
