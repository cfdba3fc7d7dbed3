-- cyclic requires: a module sees the partial value stored in package.loaded
local a = require("helpers.cycle_a")
print(a.b_saw_partial)
print(package.loaded["helpers.cycle_a"] == a)
-- a module that requires itself without pre-storing loops forever? no: lua 5.3 has no
-- sentinel, so we only check the documented cooperative pattern above
print(type(package.loaded["helpers.cycle_b"]))
