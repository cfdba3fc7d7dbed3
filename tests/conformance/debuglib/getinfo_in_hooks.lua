-- getinfo inside a hook: level 1 is the hook, level 2 the hooked function
local out = {}
debug.sethook(function(ev, line)
  local h = debug.getinfo(1, "nSl")
  local f = debug.getinfo(2, "nSl")
  if f.short_src == "getinfo_in_hooks.lua" and #out < 8 then
    out[#out + 1] = string.format("%s %s %s|%s %s %d %s", ev, tostring(line), h.namewhat, h.what, tostring(f.name), f.currentline, f.what)
  end
end, "crl")
local function target(a)
  return a
end
target(1)
debug.sethook()
for _, l in ipairs(out) do print(l) end
