-- call and return hooks
local trace = {}
local function hook(ev)
  local i = debug.getinfo(2, "nS")
  trace[#trace + 1] = ev .. ":" .. tostring(i.name) .. ":" .. i.what
end
local function leaf(x) return x + 1 end
local function mid(x) return leaf(x) * 2 end
local function top(x) local r = mid(x) return r end
debug.sethook(hook, "cr")
top(1)
debug.sethook()
for _, l in ipairs(trace) do print(l) end
trace = {}
debug.sethook(hook, "r")
mid(3)
debug.sethook()
print(table.concat(trace, " "))
trace = {}
debug.sethook(hook, "c")
local _ = select(1, 1)
debug.sethook()
print(table.concat(trace, " "))
