local a = 1
if a < nil then print("never") end
