helper_global = "set by helper"
