local m = require("helpers.counter_mod")
print(m.hello(), m.name, m.select_n, load_count)
print(type(m.extra))
local m2 = require("helpers.counter_mod")
print(m == m2, load_count)
print(package.loaded["helpers.counter_mod"] == m)
-- a module that returns nothing stores true
print(require("helpers.noreturn_mod"), noreturn_ran, package.loaded["helpers.noreturn_mod"])
-- a module that returns false
print(require("helpers.false_mod"), package.loaded["helpers.false_mod"])
-- packages with init.lua
local pkg = require("helpers.pkg")
print(pkg.kind, pkg.name)
local sub = require("helpers.pkg.sub")
print(sub.kind, sub.parent_kind)
-- forcing a reload
package.loaded["helpers.counter_mod"] = nil
local m3 = require("helpers.counter_mod")
print(m3 == m, load_count)
