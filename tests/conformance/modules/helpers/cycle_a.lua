package.loaded["helpers.cycle_a"] = {partial = true}
local b = require("helpers.cycle_b")
return {b_saw_partial = b.saw_partial}
