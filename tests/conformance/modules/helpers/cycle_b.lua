local a = require("helpers.cycle_a")
return {saw_partial = a.partial}
