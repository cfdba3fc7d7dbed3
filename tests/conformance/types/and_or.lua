print(10 or 20, 10 or error(), nil or "a", nil and 10, false and error(), false or nil, 10 and 20)
print(false or false, nil or false, false or nil, nil and nil, false and nil)
print(1 and 2 or 3, nil and 2 or 3, false or nil and 1)
-- short circuit: right operand not evaluated
local count = 0
local function f() count = count + 1 return true end
local _ = true or f()
_ = false and f()
_ = nil and f()
_ = 1 and f()
print("calls", count)
-- and/or truncate to one value
local function two() return 1, 2 end
print((two()), two() or 5, nil or two())
print(select('#', nil or two()))
