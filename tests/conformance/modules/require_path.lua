-- package.path controls the Lua searcher
local saved = package.path
package.path = "./helpers/?.lua"
local m = require("counter_mod")
print(m.name, m.hello())
package.path = "./nowhere/?.lua;./helpers/pkg/?.lua"
print(require("init").kind)
package.path = "./nowhere/?.lua"
local ok, err = pcall(require, "missing_thing")
print(ok)
-- C-library lines (package.cpath) depend on the system: print only the others
for line in err:gmatch("[^\n]+") do
  if not line:find("%.so") then print(line) end
end
package.path = saved
-- searchpath
print(package.searchpath("helpers.counter_mod", "./?.lua"))
print(package.searchpath("helpers.nothing", "./?.lua;./?/x.lua"))
print(package.searchpath("a_b", "./?.lua", "_", "/"))
print(package.config:sub(1, 1), #package.config)
print(type(package.cpath), type(package.loadlib))
