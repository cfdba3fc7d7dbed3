local _ = 1
local _abc, a_b, A1, abc_123 = 1, 2, 3, 4
print(_abc, a_b, A1, abc_123)
local And, NIL, True = "And", "NIL", "True"
print(And, NIL, True)
-- keywords cannot be names
for _, kw in ipairs{"and","break","do","else","elseif","end","false","for",
    "function","goto","if","in","local","nil","not","or","repeat","return",
    "then","true","until","while"} do
  local f, err = load("local " .. kw .. " = 1")
  print(kw, f, err)
end
-- keywords as table field names via strings
local t = {["end"] = 1, ["nil"] = 2}
print(t["end"], t["nil"])
print(load("local t = {} t.end = 1"))
print(load("x = 1 y = 2 z = x + y return z")())
print(load("return 1;;;")) 
print(load(";;; return 2")())
