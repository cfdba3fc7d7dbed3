-- a module: counts how many times its body runs
load_count = (load_count or 0) + 1
local M = {}
M.name = ...
M.extra = select(2, ...)
M.select_n = select('#', ...)
function M.hello() return "hello from counter_mod" end
return M
