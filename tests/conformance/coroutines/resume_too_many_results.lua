-- coroutine.resume and wrap when the results do not fit the caller's stack: resume returns
-- false and "too many results to resume" (the error stays inside the protected boundary).
local lim = 1000000
for _, j in ipairs{lim - 10, lim - 5, lim - 1, lim, lim + 1, 400000, 999000} do
  local co = coroutine.create(function()
    local t = {}
    for i = 1, j do t[i] = i end
    return table.unpack(t)
  end)
  local r, msg = coroutine.resume(co)
  print(j, r, r and "ok" or msg, coroutine.status(co))
end
local co = coroutine.create(function()
  local t = {}
  for i = 1, 999990 do t[i] = i end
  coroutine.yield(table.unpack(t, 1, 999000))
  return "done"
end)
print(select("#", pcall(coroutine.resume, co)))
print(coroutine.status(co), coroutine.resume(co))
local w = coroutine.wrap(function() local t = {} for i = 1, 999000 do t[i] = i end return table.unpack(t) end)
print(select("#", pcall(w)))
-- many arguments pass into a coroutine
local co2 = coroutine.create(function(...) return select("#", ...) end)
local t = {}
for i = 1, 900000 do t[i] = i end
print(pcall(coroutine.resume, co2, table.unpack(t)))
