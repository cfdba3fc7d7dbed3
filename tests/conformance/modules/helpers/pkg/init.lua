return {kind = "package init", name = ...}
