-- A module for mechanics.lua: functions that look at their own soft state while running.
local sm = require "softmodule"
local P = {}
local depth = 0

function P.self() return sm.status("probe", "self") end

-- Recurses n levels; at the bottom it removes its own .lc file: the frames above must finish
-- without reading it again (one load for the whole recursion).
function P.dive(n, path)
    if n == 0 then
        local ok = os.remove(path)
        return ok and 0 or -1, select(2, sm.status("probe", "dive"))
    end
    local r, loaded = P.dive(n - 1, path)
    return r + 1, loaded
end

function P.fail(msg) error(msg, 0) end

function P.park(v)
    depth = depth + 1
    local got = coroutine.yield(v)
    depth = depth - 1
    return got
end

function P.crash() local t = nil; coroutine.yield(1); return t.x end

function P.depth() return depth end

function P.big(n)
    -- enough code and constants that its absence shows in the heap
    local parts = {}
    for i = 1, n do
        parts[#parts + 1] = string.format("%d:%s:%s", i, "alpha", "bravo")
        parts[#parts + 1] = string.rep("x", i % 7) .. "charlie" .. "delta" .. "echo" .. "foxtrot"
    end
    local s = table.concat(parts, ",")
    if #s > 1000000 then error("too big") end
    return #s, s:sub(1, 5), "golf", "hotel", "india", "juliet", "kilo", "lima", "mike"
end

return P
