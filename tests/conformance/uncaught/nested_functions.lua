local function level3(t) return t.missing.field end
local function level2(t) local r = level3(t) return r end
local function level1() local r = level2({}) return r end
print("calling")
level1()
