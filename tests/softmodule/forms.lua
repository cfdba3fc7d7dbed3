-- A module written every way a module function can be written, with private state shared
-- between its functions (upvalues). Used by behaviour.lua in every softmodule mode.
local M = {}

local count = 0          -- shared by bump, total, reset and the closures made by counter
local log = {}           -- shared table
local VERSION = "1.2"

local function remember(what) log[#log + 1] = what end

-- function M.f
function M.bump(n)
    count = count + (n or 1)
    remember("bump")
    return count
end

function M.total() return count end

-- function M:f (method)
function M:describe(prefix)
    return (prefix or "") .. self.name .. " v" .. VERSION
end

-- M.f = function
M.reset = function()
    local old = count
    count = 0
    remember("reset")
    return old
end

-- a local function stored later, recursive through its own local
local function fact(n)
    if n <= 1 then return 1 end
    return n * fact(n - 1)
end
M.fact = fact

-- recursive through the module table
function M.fib(n)
    if n < 2 then return n end
    return M.fib(n - 1) + M.fib(n - 2)
end

-- mutual recursion between two module functions
local isodd
local function iseven(n) if n == 0 then return true end return isodd(n - 1) end
isodd = function(n) if n == 0 then return false end return iseven(n - 1) end
M.iseven, M.isodd = iseven, isodd

-- deep tail recursion
function M.countdown(n, acc)
    if n == 0 then return acc end
    return M.countdown(n - 1, (acc or 0) + 1)
end

-- results: trailing nils, varargs, many values
function M.nils() return 1, nil, nil end
function M.nothing() end
function M.echo(...) return select("#", ...), ... end
function M.many() return 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 end

-- errors: with a message, with a table, from deep inside
function M.fail(msg) error(msg) end
function M.failtable(t) error(t) end
function M.faildeep(n)
    if n == 0 then local x = nil; return x.field end
    return M.faildeep(n - 1) + 1
end

-- a factory: the closures it makes outlive its code
function M.counter(step)
    return function()
        count = count + step
        return count
    end
end

-- coroutines
function M.producer(n)
    for i = 1, n do coroutine.yield(i, i * i) end
    return "done"
end
function M.guarded(n)
    local ok, v = pcall(function() return coroutine.yield(n) * 2 end)
    return ok, v
end

-- callbacks and metamethods
function M.byLength(a, b) return #a < #b or (#a == #b and a < b) end
function M.shout(word) return word:upper() .. "!" end
function M.addVectors(a, b) return setmetatable({ x = a.x + b.x, y = a.y + b.y }, getmetatable(a)) end

function M.log() return table.concat(log, ",") end

-- aliases: the same function under two names
M.alias = M.total

return M
