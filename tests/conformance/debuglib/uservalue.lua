-- getuservalue / setuservalue
print(debug.getuservalue(1))
print(debug.getuservalue({}))
print(debug.getuservalue(nil))
print(select('#', debug.getuservalue("s")))
local u = io.stdout
print(debug.getuservalue(u))
local t = {}
print(debug.setuservalue(u, t) == u)
print(debug.getuservalue(u) == t)
print(debug.setuservalue(u, nil) == u)
print(debug.getuservalue(u))
print(pcall(debug.setuservalue, {}, {}))
print(pcall(debug.setuservalue, 1, {}))
print(pcall(debug.setuservalue, u, 5))
print(pcall(debug.setuservalue, u))
print(pcall(debug.setuservalue, u, "str"))
print(pcall(debug.getuservalue))
