-- line hooks
local lines = {}
local function hook(ev, line)
  local src = debug.getinfo(2, "S").short_src
  if src == "sethook_line.lua" then lines[#lines + 1] = line end
end
local function work(n)
  local s = 0
  for i = 1, n do
    s = s + i
  end
  if s > 3 then
    s = s * 2
  else
    s = -s
  end
  return s
end
debug.sethook(hook, "l")
work(3)
work(1)
debug.sethook()
print(table.concat(lines, " "))
lines = {}
local f = load("local a = 1\nlocal b = 2\n\nreturn a + b", "=loaded")
debug.sethook(function(e, l) lines[#lines + 1] = debug.getinfo(2, "S").short_src .. ":" .. l end, "l")
f()
debug.sethook()
print(table.concat(lines, " "))
