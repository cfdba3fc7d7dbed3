-- temporaries show up as (*temporary)
local function show()
  local i = 1
  local out = {}
  while true do
    local name, value = debug.getlocal(2, i)
    if not name then break end
    out[#out + 1] = name .. "=" .. (type(value) == "function" and "fn" or type(value) == "table" and "tbl" or tostring(value))
    i = i + 1
  end
  return table.concat(out, " ")
end
local function f(a)
  local b = 2
  return (show())
end
print(f(1))
local function g(a)
  local r = a .. tostring(show())
  return r
end
print(g("x"))
local function h()
  local t = {}
  print(1, 2, show())
end
h()
for i = 1, 1 do print(show()) end
for k, v in pairs({10}) do print(show()) end
