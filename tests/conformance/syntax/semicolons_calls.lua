local t = {}
function t.f(...) return select('#', ...), ... end
function t:m(a) return self == t, a end
print(t.f(1, 2, 3))
print(t:m("x"))
print(t.m(t, "y"))
-- call sugar with string and table arguments
print(type{}, #"abc", ("x"):rep(2))
local function id(x) return x end
print(id"str", id[[long]], id{1}[1])
print(("%d-%d"):format(1, 2))
local s = "abc"
print(s:upper(), s:len(), s:sub(2))
print(select("#", t.f()), (t.f()))
;;; print("after semicolons");
local a = 1; local b = 2; print(a + b);
-- method call on a number literal needs parentheses
print(load("return 1:foo()"))
