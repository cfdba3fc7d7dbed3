-- getinfo on a Lua function value: every option letter
local function show(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local v = t[k]
    if k == "func" then v = (v ~= nil) and "<function>" or "nil"
    elseif k == "activelines" then
      local ls = {}
      for l in pairs(v) do ls[#ls + 1] = l end
      table.sort(ls)
      v = "{" .. table.concat(ls, ",") .. "}"
    end
    print("", k, v)
  end
end
local up1, up2 = 1, 2
local function f(a, b, c)
  local x = a + up1
  return x + up2
end
local function v(...)
  return select('#', ...)
end
print("f nSltufL"); show(debug.getinfo(f, "nSltufL"))
print("v S"); show(debug.getinfo(v, "S"))
print("v u"); show(debug.getinfo(v, "u"))
print("v L"); show(debug.getinfo(v, "L"))
print("default"); show(debug.getinfo(f))
print("empty"); show(debug.getinfo(f, ""))
