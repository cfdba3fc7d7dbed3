-- activelines of different functions
local function lines(f)
  local t = debug.getinfo(f, "L").activelines
  local r = {}
  for l in pairs(t) do r[#r + 1] = l end
  table.sort(r)
  return table.concat(r, ",")
end
local function empty() end
local function multi(a)
  local b = a

  if b then
    return 1
  end
  -- comment
  return 2
end
print(lines(empty))
print(lines(multi))
print(lines(load("local x = 1\n\nreturn x")))
print(lines(load("")))
print(lines(function() return end))
