-- After a call returns, the rest of the caller's line is not a new line (luaD_poscall's oldpc),
-- whether the callee is a Lua function, a native, or a native calling back into Lua.
local events = {}
local function hook(ev, line)
  if debug.getinfo(2, "S").short_src == "sethook_line_after_return.lua" then
    events[#events + 1] = ev:sub(1, 1) .. (line or "")
  end
end
local function fact(n)
  if n <= 1 then return 1 end
  return n * fact(n - 1)
end
local function twice(f, x) return f(f(x)) end
debug.sethook(hook, "crl")
local a = fact(3) + fact(2)
local b = twice(math.abs, -2) + select("#", pcall(fact, 2))
local c = tostring(fact(1)) .. string.rep("x", 2)
debug.sethook()
print(a, b, c)
print(table.concat(events, " "))
