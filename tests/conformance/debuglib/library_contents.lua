-- the debug and coroutine tables
local function names(t)
  local r = {}
  for k, v in pairs(t) do r[#r + 1] = k .. ":" .. type(v) end
  table.sort(r)
  return table.concat(r, " ")
end
print(names(debug))
print(names(coroutine))
