print("this script does not compile")
local x = = 1
