local parent = require("helpers.pkg")
return {kind = "submodule", parent_kind = parent.kind}
