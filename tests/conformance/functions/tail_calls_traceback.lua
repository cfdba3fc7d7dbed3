-- tail calls do not keep frames: the traceback shows "(...tail calls...)"
local function inner() return debug.traceback("tb", 1) end
local function middle() return inner() end
local function outer() local r = middle() return r end
local tb = outer()
for line in tb:gmatch("[^\n]+") do print((line:gsub("^%s+", ""))) end
-- a tail call returns exactly the values of the called function
local function three() return 1, 2, 3 end
local function t() return three() end
local function nt() return (three()) end
print(t())
print(nt())
-- return f() and return (f()) differ
print(select('#', t()), select('#', nt()))
