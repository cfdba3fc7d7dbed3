-- getinfo on native functions
local function show(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local v = t[k]
    if type(v) == "function" then v = "<function>" elseif type(v) == "table" then v = "<table>" end
    print("", k, v)
  end
end
print("print"); show(debug.getinfo(print, "nSltufL"))
print("string.format"); show(debug.getinfo(string.format, "Su"))
print(debug.getinfo(print, "L").activelines)
print(debug.getinfo(print, "f").func == print)
-- a native frame on the stack
local res
table.sort({2, 1}, function(a, b)
  if not res then
    local i = debug.getinfo(2, "nSlu")
    res = {i.what, i.source, i.short_src, i.currentline, i.linedefined, i.name, i.namewhat, i.nups, i.isvararg}
  end
  return a < b
end)
print(table.unpack(res, 1, 9))
