-- A timer scheduler on a virtual millisecond clock, in the manner of NodeMCU's tmr module
-- (one-shot and repeating timers, stop/start) plus cooperative tasks: a task is a coroutine
-- that may call scheduler.sleep(ms). The clock only moves in run_until, so runs are
-- deterministic.
local scheduler = {}

local now = 0
local timers = {}      -- active timers, sorted by due time, then by creation
local serial, fired = 0, 0

local Timer = {}
Timer.__index = Timer

local function insert(timer)
  local i = #timers
  while i > 0 and (timers[i].due > timer.due or timers[i].due == timer.due and timers[i].id > timer.id) do
    i = i - 1
  end
  table.insert(timers, i + 1, timer)
end

local function remove(timer)
  for i = 1, #timers do
    if timers[i] == timer then table.remove(timers, i) return true end
  end
  return false
end

-- tmr.create():alarm(interval, mode, fn) in one call; mode "single" or "auto". A timer has at
-- most four fields (the smallest hash part): a single-shot one keeps no interval.
function scheduler.alarm(interval, mode, fn)
  assert(interval > 0, "interval must be positive")
  serial = serial + 1
  local t = setmetatable({ id = serial, fn = fn, due = now + interval, interval = mode == "auto" and interval or nil }, Timer)
  insert(t)
  return t
end

function scheduler.every(interval, fn) return scheduler.alarm(interval, "auto", fn) end
function scheduler.after(interval, fn) return scheduler.alarm(interval, "single", fn) end

function Timer:stop() return remove(self) end

function Timer:interval_ms(ms)
  remove(self)
  self.interval, self.due = ms, now + ms
  insert(self)
end

-- A task: runs fn as a coroutine now; scheduler.sleep inside it suspends it.
function scheduler.task(fn, ...)
  local co = coroutine.create(fn)
  local function step(...)
    local ok, ms = coroutine.resume(co, ...)
    if not ok then error(ms, 0) end
    if coroutine.status(co) == "suspended" then
      scheduler.after(ms, function() step() end)
    end
  end
  step(...)
  return co
end

function scheduler.sleep(ms)
  assert(coroutine.isyieldable(), "scheduler.sleep outside a task")
  coroutine.yield(ms)
end

-- Advances the clock to `limit`, firing every timer due on the way, in due order.
function scheduler.run_until(limit)
  while timers[1] and timers[1].due <= limit do
    local t = table.remove(timers, 1)
    now = t.due
    fired = fired + 1
    if t.interval then
      t.due = now + t.interval
      insert(t)
    end
    t.fn(t)
  end
  now = limit
end

function scheduler.now() return now end
function scheduler.pending() return #timers end
function scheduler.fired() return fired end

return scheduler
