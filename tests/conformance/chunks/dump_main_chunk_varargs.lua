-- a dumped main chunk is vararg and sees its arguments
local main = load("local a, b = ... return a, b, select('#', ...)", "=main")
print(debug.getinfo(main, "u").isvararg, debug.getinfo(load(string.dump(main)), "u").isvararg)
print(load(string.dump(main))("p", "q", "r"))
print(debug.getinfo(load(string.dump(main)), "S").what)
local lf = load(string.dump(function() end))
local i = debug.getinfo(lf, "S")
print(i.what, i.linedefined > 0)
