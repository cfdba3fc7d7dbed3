-- stack overflow inside a coroutine is a normal error
local co = coroutine.create(function()
  local function rec(n) return 1 + rec(n + 1) end
  return rec(1)
end)
local ok, msg = coroutine.resume(co)
print(ok, (msg:gsub("^.-: ", "")):sub(1, 14))
print(coroutine.status(co))
local co2 = coroutine.create(function()
  local function rec() local c = coroutine.create(rec) return coroutine.resume(c) end
  return rec()
end)
local r = {coroutine.resume(co2)}
print(r[1])
