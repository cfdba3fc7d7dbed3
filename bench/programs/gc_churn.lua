-- gc_churn: allocation-heavy code with many short-lived tables, closures and strings,
-- a slowly changing live set, and explicit collectgarbage calls.
local N = tonumber(arg and arg[1]) or 1000000

local live = {}
local LIVE = 2000
local sum = 0
for i = 1, N do
  local t = { i, i + 1, i + 2, x = i, tag = "t" }     -- short-lived table (array + hash)
  local v = { t, { t[1] * 2 } }                       -- nested short-lived tables
  sum = sum + v[2][1] + t.x
  if i % 50 == 0 then
    live[(i // 50) % LIVE + 1] = { data = t, name = "obj" .. i }  -- replace a long-lived entry
  end
  if i % 10 == 0 then
    local f = function() return i end                 -- short-lived closure
    sum = sum + f()
  end
end

-- a burst of garbage strings
local slen = 0
for i = 1, N // 10 do
  local s = "s" .. i .. ":" .. (i * 3)
  slen = slen + #s
end

-- explicit collections
collectgarbage("collect")
local count = 0
for _, o in pairs(live) do if o.data.x % 50 == 0 then count = count + 1 end end
collectgarbage("step", 0)
collectgarbage("collect")

print("sum", sum, "slen", slen, "live", count)
