print(type(package.searchers), #package.searchers >= 2)
-- add a custom searcher at the front
table.insert(package.searchers, 1, function(name)
  if name:sub(1, 5) == "gen::" then
    return function(modname, extra) return {generated = modname, extra = extra} end, "the extra value"
  end
  return "\n\tno generated module '" .. name .. "'"
end)
local g = require("gen::thing")
print(g.generated, g.extra)
-- searchers return strings describing failure; they are concatenated in the error
local ok, err = pcall(require, "nonexistent_for_searchers")
print(ok, (err:match("^[^\n]*")))
print(err:find("no generated module 'nonexistent_for_searchers'", 1, true) ~= nil)
-- replace all searchers
local saved = package.searchers
package.searchers = {function(name) return function() return "only searcher: " .. name end end}
print(require("anything.at.all"))
package.searchers = saved
-- package.searchers must be a table
package.searchers = nil
print(pcall(require, "something.else"))
package.searchers = saved
