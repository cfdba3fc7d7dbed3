local function lvl1() error("level 1 message") end
local function lvl2() error("level 2 message", 2) end
local function lvl0() error("level 0 message", 0) end
local function lvl3() error("level 3 message", 3) end
local function caller2() lvl2() end    -- line 5
local function caller3() lvl3() end    -- line 6
local function callercaller3() caller3() end -- line 7
print(pcall(lvl1))
print(pcall(caller2))
print(pcall(lvl0))
print(pcall(callercaller3))
print(pcall(error, "direct from pcall"))
print(pcall(error, "direct level 2", 2))
print(pcall(error, "level 100", 100))
print(pcall(error))
print(pcall(error, nil))
-- level 1 where the error is raised inside a chunk loaded from a string
print(pcall(load("error('in chunk')", "=mychunk")))
print(pcall(load("error('in chunk')", "@file.lua")))
print(pcall(load("\n\nerror('line 3')", "some code")))
