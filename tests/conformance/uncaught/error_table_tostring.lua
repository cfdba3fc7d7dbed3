local E = setmetatable({msg = "custom"}, {__tostring = function(e) return "MyError: " .. e.msg end})
print("raising an object with __tostring")
error(E)
