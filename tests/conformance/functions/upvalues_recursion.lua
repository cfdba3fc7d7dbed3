-- a recursive local function captures itself as an upvalue
local function walk(t, depth, out)
  for _, v in ipairs(t) do
    if type(v) == "table" then walk(v, depth + 1, out) else out[#out + 1] = v .. "@" .. depth end
  end
  return out
end
print(table.concat(walk({1, {2, {3, 4}}, 5}, 0, {}), " "))
-- memoization with an upvalue cache
local calls = 0
local memo = {}
local function fib(n)
  if n < 2 then return n end
  if memo[n] then return memo[n] end
  calls = calls + 1
  local r = fib(n - 1) + fib(n - 2)
  memo[n] = r
  return r
end
print(fib(90), calls)
-- upvalue of an upvalue
local function mk()
  local x = 0
  return function()
    return function() x = x + 1 return x end
  end
end
local lvl1 = mk()
local f1, f2 = lvl1(), lvl1()
print(f1(), f2(), f1())
