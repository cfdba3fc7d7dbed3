-- yield outside of a coroutine
print(pcall(coroutine.yield))
print(pcall(coroutine.yield, 1, 2))
local ok, msg = pcall(function() coroutine.yield("x") end)
print(ok, msg)
print(coroutine.wrap(function() return pcall(coroutine.yield, "ok inside") end)())
