assert(false, {reason = "table message"})
