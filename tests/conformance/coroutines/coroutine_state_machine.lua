-- a coroutine driving a small state machine over input tokens
local function lexer(s)
  return coroutine.wrap(function()
    for token in s:gmatch("%S+") do
      if tonumber(token) then coroutine.yield("num", tonumber(token))
      else coroutine.yield("word", token) end
    end
    coroutine.yield("eof")
  end)
end
local next_token = lexer("sum 1 2 3.5 end")
while true do
  local kind, value = next_token()
  print(kind, value, math.type(value))
  if kind == "eof" then break end
end
-- ping-pong between two coroutines driven by the main thread
local log = {}
local ping = coroutine.create(function() for i = 1, 3 do log[#log + 1] = "ping" .. i coroutine.yield() end end)
local pong = coroutine.create(function() for i = 1, 3 do log[#log + 1] = "pong" .. i coroutine.yield() end end)
for _ = 1, 4 do coroutine.resume(ping) coroutine.resume(pong) end
print(table.concat(log, " "), coroutine.status(ping), coroutine.status(pong))
