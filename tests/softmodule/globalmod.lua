-- A module kept in a global of its own name (old NodeMCU style), returning nothing special.
globalmod = {}
local calls = 0
function globalmod.hit() calls = calls + 1; return calls end
function globalmod.calls() return calls end
return globalmod
