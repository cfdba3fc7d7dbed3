local M = {}
function M.parse(s) return M.validate(s) end
function M.validate(s) if #s < 3 then error("input too short: " .. s) end return s end
function M.run(list) for _, s in ipairs(list) do print("ok", M.parse(s)) end end
M.run({"abcd", "efgh", "ij"})
