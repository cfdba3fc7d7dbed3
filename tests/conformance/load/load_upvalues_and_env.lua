-- every loaded chunk gets its own _ENV upvalue pointing to the global table by default
local f1 = load("counter = (counter or 0) + 1 return counter")
local f2 = load("counter = (counter or 0) + 10 return counter")
print(f1(), f2(), f1(), counter)
-- functions created inside a loaded chunk share its _ENV
local env = {}
local maker = load("function make() return function() return value end end value = 'v1'", "m", "t", env)
maker()
local getter = env.make()
print(getter())
env.value = "v2"
print(getter())
-- a chunk can return functions that outlive it
local gen = load("local n = 0 return function() n = n + 1 return n end")()
print(gen(), gen(), gen())
