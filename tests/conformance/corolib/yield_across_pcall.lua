-- yield inside pcall and xpcall, with errors after resuming
local co = coroutine.create(function()
  local ok, v = pcall(function()
    local r = coroutine.yield("in pcall")
    if r == "err" then error("raised after resume") end
    return r
  end)
  print("pcall got", ok, v)
  ok, v = xpcall(function()
    local r = coroutine.yield("in xpcall")
    error({r})
  end, function(m) return "handled " .. type(m) .. " " .. tostring(m[1]) end)
  print("xpcall got", ok, v)
  local a, b, c = pcall(coroutine.yield, "direct")
  print("direct", a, b, c)
  return "end"
end)
print(coroutine.resume(co))
print(coroutine.resume(co, "err"))
print(coroutine.resume(co, "X"))
print(coroutine.resume(co, "p", "q"))
print(coroutine.status(co))
