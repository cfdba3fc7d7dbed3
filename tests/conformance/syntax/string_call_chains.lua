local obj = {}
function obj:chain(s) self.log = (self.log or "") .. s return self end
obj:chain"a":chain"b":chain[[c]]
print(pcall(function() return obj:chain{} end))
print(obj.log)
local function id(...) return ... end
print(id"x", id[[y]], (id{1, 2})[2])
local s = ("abc"):upper():rep(2, "-")
print(s)
print(#("abc"):rep(3))
print(("%d"):rep(3, " "):format(1, 2, 3))
