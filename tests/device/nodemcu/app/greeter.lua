-- An LFS module: strings, string methods, a closure with an upvalue.
local M = {}
local count = 0
function M.hello(name)
  count = count + 1
  return ("hello %s #%d"):format(name, count)
end
function M.shout(s) return s:upper() .. string.rep("!", 3) end
return M
