-- tail call events
local log = {}
debug.sethook(function(ev)
  local i = debug.getinfo(2, "nS")
  if i.what ~= "C" then log[#log + 1] = ev .. ":" .. tostring(i.name) end
end, "cr")
local function b() return 1 end
local function a() return b() end
local function main() a() end
main()
debug.sethook()
print(table.concat(log, " "))
