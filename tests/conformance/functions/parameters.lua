local function f(a, b, c) return a, b, c end
print(f())
print(f(1))
print(f(1, 2, 3, 4, 5))
-- parameters are locals
local function g(x) x = x + 1 return x end
local v = 10
print(g(v), v)
-- tables are passed by reference
local function h(t) t.changed = true t = {} t.other = true end
local tt = {}
h(tt)
print(tt.changed, tt.other)
-- many parameters
local function many(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20)
  return a1 + a20, a10
end
print(many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20))
-- functions are first-class values
local ops = {add = function(a, b) return a + b end, mul = function(a, b) return a * b end}
print(ops.add(2, 3), ops["mul"](2, 3))
local keyed = {[print] = "print key", [ops.add] = "add key"}
print(keyed[print], keyed[ops.add])
