-- getinfo by level
local function where(level)
  local i = debug.getinfo(level + 1, "nSl")
  if not i then return "nil" end
  return string.format("%s %s %s %s %s %d %d", tostring(i.name), i.namewhat, i.what, i.short_src, i.source, i.currentline, i.linedefined)
end
local function a() return where(1) end
print(a())
print(where(0))
print(where(1))
print(where(2))
print(where(3))
print(where(100))
print(debug.getinfo(0, "n").name, debug.getinfo(0, "S").what)
print(debug.getinfo(1, "S").what, debug.getinfo(1, "S").lastlinedefined)
print(pcall(debug.getinfo, -1))
print(debug.getinfo(-1))
print(pcall(debug.getinfo, 1.5))
print(pcall(debug.getinfo))
print(pcall(debug.getinfo, "x"))
print(pcall(debug.getinfo, {}))
