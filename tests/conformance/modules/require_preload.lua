package.preload["virtual.mod"] = function(name, extra)
  print("preload loader called with", name, extra)
  return {virtual = true}
end
local v = require("virtual.mod")
print(v.virtual, package.loaded["virtual.mod"] == v)
print(require("virtual.mod") == v)
-- preload returning nothing
package.preload["empty.mod"] = function() end
print(require("empty.mod"))
-- preload has priority over files
package.preload["helpers.counter_mod"] = function() return "from preload" end
print(require("helpers.counter_mod"))
-- package.loaded can be filled by hand
package.loaded["handmade"] = {hand = "made"}
print(require("handmade").hand)
-- standard libraries are in package.loaded
print(package.loaded.string == string, package.loaded._G == _G, package.loaded.math == math)
print(package.loaded.table == table, package.loaded.coroutine == coroutine, package.loaded.package == package)
