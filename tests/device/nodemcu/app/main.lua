-- The application (plain Lua: runs on the device and under luac.cross -e alike).
print("== app")
local g = require "greeter"
print(g.hello("chip"), g.hello("desk"), g.shout("done"))
for _, line in ipairs(require("mathy").report()) do print(line) end
print(pcall(require("mathy").fail, "bme280"))
local util = dofile("util.lc")
print(util(7))
print("== end")
