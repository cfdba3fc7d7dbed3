-- Definitions the bytecode finder must tell apart (mechanics.lua, without loading this module).
local S = {}
local function helper() return "helper" end
S.direct = function() return "direct" end
S.made = (function() return function() return "made" end end)()
S.number = 42
if os.getenv("NEVER_SET_ANYWHERE") then
    function S.twice() return 1 end
else
    function S.twice() return 2 end
end
S.later = helper
return S
