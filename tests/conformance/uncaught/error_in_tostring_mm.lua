local t = setmetatable({}, {__tostring = function() return {} end})
print(t)
