print(dofile("helpers/returns_values.lua"))
print(select('#', dofile("helpers/returns_values.lua")))
helper_global = nil
dofile("helpers/sets_global.lua")
print(helper_global)
print(pcall(dofile, "helpers/does_not_exist.lua"))
print(pcall(dofile, "helpers/syntax_error.lua"))
print(pcall(dofile, "helpers/runtime_error.lua"))
-- loadfile
local f, err = loadfile("helpers/returns_values.lua")
print(type(f), err)
print(f())
print(loadfile("helpers/does_not_exist.lua"))
print(loadfile("helpers/syntax_error.lua"))
local env = {}
local g = loadfile("helpers/sets_global.lua", "t", env)
g()
print(env.helper_global, helper_global)
