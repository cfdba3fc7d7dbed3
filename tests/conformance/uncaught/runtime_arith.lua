local cfg = {}
print("computing")
local total = cfg.count + 1
