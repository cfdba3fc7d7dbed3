-- Softmodule figures for bench/softmodule.sh, run in the directory that holds weather.lua (the
-- .lc files go next to it). One job per process, so the modes cannot disturb each other:
--
--   flashlua measure.lua heap plain|cached|flushed   heap after each stage (below)
--   flashlua measure.lua stubs                       code and stub bytes of each function
--   flashlua measure.lua time [ROUNDS]               cost of a call in each mode against a plain call
--   flashlua measure.lua check                       results and status in every mode (no figures)
--
-- On a device (`flashlua --device DIR`, the files in DIR/fs): loadfile("measure.lua")("heap", MODE).
-- Output lines are machine-readable: `heap MODE STAGE BYTES [FREE]`, `stub ...` (below),
-- `time NAME MODE RATIO NS`, `check ok` / `check FAIL what`.
--
-- Heap stages (bytes = collectgarbage("count") * 1024 after two full collections; `library`:
-- what require "softmodule" itself took):
--   base     softmodule required, this script loaded  req    require "weather"
--   inj      every function injected (gencode=true)  call1   every function called once
--   call2    ... and once more                       unload  sm.unloadModule("weather")
-- The first round of calls leaves some state behind in every mode (a CRC table, the last sample,
-- strings from the configuration): the plain mode measures it, so that what the code itself
-- leaves in RAM is call1 - inj - (plain call1 - plain req).
local what, arg2 = ...
collectgarbage()
collectgarbage()
local before_library = collectgarbage("count")
local sm = require "softmodule"
collectgarbage()
collectgarbage()
local library_bytes = math.floor((collectgarbage("count") - before_library) * 1024 + 0.5)

local NAMES = {
  "c_to_f", "check_alarms", "comp_hum", "comp_press", "comp_temp", "crc16", "dew_point", "encode",
  "format_line", "heat_index", "init", "load_calib", "parse_config", "push", "reading",
  "request_line", "sea_level", "stats", "url_encode", "validate",
}

-- Datasheet-like calibration blocks (0x88.., 0xE1..) and raw readings of a BME280.
local CALIB1 = string.pack("<I2i2i2I2i2i2i2i2i2i2i2i2BB",
  27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000, 0, 75)
local CALIB2 = string.pack("<i2BBBBb", 362, 0, 0x13, 0x29, 0x03, 30)
local RAW = {
  { 519888, 415148, 27500, pulses = 42, secs = 10 },
  { 524200, 414900, 29800, pulses = 61, secs = 10 },
  { 530100, 414400, 31200, pulses = 95, secs = 10 },
}
local CONFIG = [[
# station settings
station = ws-07
altitude = 212
units = metric
host = "weather.example.net"
key = "k3y&s=1"
t_high = 26.5
hysteresis = 0.5
]]

-- Calls every function of the module once (push and stats several times); returns a text of
-- all the results, the same in every mode.
local function exercise(W)
  local out = {}
  local function put(...)
    local t = table.pack(...)
    for i = 1, t.n do
      local v = t[i]
      out[#out + 1] = type(v) == "number" and string.format("%.10g", v)
        or type(v) == "table" and "{" .. table.concat(v, ",") .. "}" or tostring(v)
    end
  end
  local conf = W.parse_config(CONFIG)
  put(W.validate(conf))
  put(W.validate({ t_low = 30, t_high = 20, altitude = "high", units = "si" }))
  put(W.init(conf))
  put(W.load_calib(CALIB1, CALIB2))
  local last
  for i = 1, #RAW do
    last = W.reading(RAW[i])
    put(W:push(last))
    put(W.check_alarms(last))
  end
  put(W:stats("t"))
  put(W:stats("wind"))
  put(W.format_line(last))
  put(W.encode({ station = "ws-07", sample = last, flags = { true, false }, note = 'a "quoted"\ttab' }))
  put(W.request_line(last))
  put(W.crc16("123456789"))
  put(W.url_encode("a b&c=d/é"))
  put(W.comp_temp(RAW[1][1]), W.comp_press(RAW[1][2]), W.comp_hum(RAW[1][3]))
  put(W.c_to_f(21.5), W.dew_point(21.5, 55), W.sea_level(98600, 12), W.heat_index(32, 70))
  return table.concat(out, " ")
end

-- Where require finds the module, and so where the .lc files go ("./weather" or "weather").
local BASE = assert(package.searchpath("weather", package.path)):gsub("%.lua$", "")
local function lcpath(name) return BASE .. "." .. name .. ".lc" end
local function filesize(path)
  if file and file.stat then return file.stat(path).size end -- NodeMCU's file module on a device
  return #assert(io.open(path, "rb")):read("a")
end

-- Collections until the heap stops changing: each one also gives back half of the frames a
-- deeper call left (as Lua 5.3), and the stack down to what is in use where heap() is called.
local function heap()
  local n
  repeat
    n = collectgarbage("count")
    collectgarbage()
  until collectgarbage("count") == n
  return math.floor(n * 1024 + 0.5)
end

local function inject(mode, gencode)
  for _, name in ipairs(NAMES) do
    if mode == "cached" then
      sm.injectCachedCall("weather", name, gencode)
    else
      sm.injectFlushedCall("weather", name, gencode)
    end
  end
end

-- The thread stack (and its frames) grow with the deepest call and shrink back only partly at
-- each collection: grown here, before any figure, so that no figure includes stack growth.
local function deep(n) if n > 0 then return 1 + deep(n - 1) end return 0 end
deep(64)

-- ------------------------------------------------------------------ heap MODE
if what == "heap" then
  local mode = assert(arg2, "heap: plain, cached or flushed")
  local function report(stage)
    local bytes = heap()
    local free = node and node.heap and node.heap() or nil
    print(("heap %s %s %d%s"):format(mode, stage, bytes, free and (" " .. free) or ""))
  end
  -- Everything in a function, so that no register of this chunk keeps a module value alive
  -- after unloadModule.
  local function stages()
    -- Every report from the same stack position (locals first): a collection shrinks the stack
    -- to what is in use at the call, so a report a register higher would count 1 slot more.
    local W, names
    W = require "weather"
    report("req")
    names = sm.getModuleFunctions(W)
    assert(#names == #NAMES and table.concat(names, ",") == table.concat(NAMES, ","),
      "getModuleFunctions: " .. table.concat(names, ","))
    names = nil
    if mode ~= "plain" then
      inject(mode, true)
      report("inj")
    end
    exercise(W)
    report("call1")
    exercise(W)
    report("call2")
    for _, name in ipairs(NAMES) do
      local status, inRAM = sm.status("weather", name)
      assert(status == mode and inRAM == (mode ~= "flushed"), name .. ": " .. status .. " " .. tostring(inRAM))
    end
    assert(sm.unloadModule("weather"))
  end
  print(("heap %s library %d"):format(mode, library_bytes))
  report("base")
  stages()
  report("unload")
  return
end

-- ------------------------------------------------------------------ stubs
-- Per function, on a freshly required module each time: what injecting it alone saves
-- (heap before - after), and what its code takes when loaded (loadfile of its .lc right after,
-- minus the main closure and fresh upvalues loadfile adds, measured below). Its stub then takes
-- code - saved. Prints `stub NAME LINES UPVALUES LCBYTES CODE SAVED`.
if what == "stubs" then
  local K = 100
  local closure_cost = {}
  local function closure_bytes(n)
    if not closure_cost[n] then
      local list, zeros = {}, {}
      for i = 1, n do list[i], zeros[i] = "u" .. i, "0" end
      local src = n == 0 and "return function() return function() end end"
        or ("return function() local %s = %s return function() return %s end end"):format(
          table.concat(list, ","), table.concat(zeros, ","), table.concat(list, ","))
      local factory, keep, h0, h1 = load(src)(), {}, nil, nil
      for i = 1, K do keep[i] = false end
      h0 = heap()
      for i = 1, K do keep[i] = factory() end
      h1 = heap()
      closure_cost[n] = (h1 - h0) / K
    end
    return closure_cost[n]
  end
  local function one(name)
    local W, info, lines, path, h0, h1, h2, f, size  -- figures from one stack position
    W = require "weather"
    info = debug.getinfo(W[name], "Su")
    lines = info.lastlinedefined - info.linedefined + 1
    path = lcpath(name) -- made before the first figure, so that it is in all three
    h0 = heap()
    sm.injectFlushedCall("weather", name, true)
    h1 = heap()
    f = assert(loadfile(path))
    h2 = heap()
    f = nil
    size = filesize(path)
    W = nil
    assert(sm.unloadModule("weather"))
    return lines, info.nups, size, h2 - h1 - closure_bytes(info.nups), h0 - h1
  end
  for _, name in ipairs(NAMES) do
    print(("stub %s %d %d %d %d %d"):format(name, one(name)))
  end
  return
end

-- ------------------------------------------------------------------ check
if what == "check" then
  local failures = 0
  local function expect(ok, message)
    if not ok then
      failures = failures + 1
      print("check FAIL " .. message)
    end
  end
  -- dumpfunction before the module is loaded: the function is found in the file's bytecode;
  -- injecting with gencode = false then insists that file is exactly the loaded function.
  for _, name in ipairs(NAMES) do
    local ok, path = pcall(sm.dumpfunction, "weather", name)
    expect(ok and type(path) == "string" and path:find("weather%." .. name .. "%.lc$"), "dumpfunction " .. name .. ": " .. tostring(path))
  end
  expect(package.loaded.weather == nil, "dumpfunction loaded the module")
  local expected = exercise(require "weather")
  expect(sm.unloadModule("weather"), "unloadModule (plain)")
  for _, mode in ipairs({ "cached", "flushed" }) do
    local W = require "weather"
    local ok, err = pcall(inject, mode, mode == "flushed")
    expect(ok, mode .. " inject: " .. tostring(err))
    local aliased = W.c_to_f
    for pass = 1, 2 do
      expect(exercise(W) == expected, mode .. " pass " .. pass .. ": results differ")
    end
    for _, name in ipairs(NAMES) do
      local status, inRAM = sm.status("weather", name)
      expect(status == mode and inRAM == (mode == "cached"), mode .. " status " .. name .. ": " .. tostring(status) .. " " .. tostring(inRAM))
    end
    expect(aliased == W.c_to_f and aliased(100) == 212, mode .. ": closure identity")
    local ok2, msg = pcall(W.stats, W, "nope")
    expect(not ok2 and tostring(msg):find("no such field: nope"), mode .. ": error from stats: " .. tostring(msg))
    expect(select(2, sm.status("weather", "stats")) == (mode == "cached"), mode .. ": stats code after an error")
    expect(#sm.getModuleFunctions(W) == 0, mode .. ": getModuleFunctions lists injected functions")
    expect(sm.unloadModule("weather") and next(W) == nil and package.loaded.weather == nil, mode .. ": unloadModule")
  end
  print(failures == 0 and "check ok" or ("check FAIL " .. failures .. " failures"))
  return
end

-- ------------------------------------------------------------------ time [ROUNDS]
-- Three copies of the module (weather.lua, wcached.lua, wflushed.lua: the driver makes them),
-- one per mode, so that the rounds can interleave the modes inside one process. Each batch is
-- long enough for the clock (at least 25 ms); a round times every function in every mode, and
-- the figure is the median over the rounds of (time per call in the mode / time per plain call
-- in the same round).
if what == "time" then
  local rounds = tonumber(arg2) or 9
  local plain = require "weather"
  local cached = require "wcached"
  local flushed = require "wflushed"
  for _, name in ipairs(NAMES) do
    sm.injectCachedCall("wcached", name, true)
    sm.injectFlushedCall("wflushed", name, true)
  end
  exercise(plain); exercise(cached); exercise(flushed) -- calibrated, cached code loaded
  local sample = plain.reading(RAW[1])
  local subjects = {
    { "c_to_f", "tiny: one expression", function(W) return W.c_to_f end, { 21.5 } },
    { "comp_press", "20 lines of float arithmetic", function(W) return W.comp_press end, { 415148 } },
    { "encode", "JSON of a sample: recursive, 13 calls of itself", function(W) return W.encode end, { sample } },
    { "reading", "calls 7 other functions of the module", function(W) return W.reading end, { RAW[2] } },
  }
  local modes = { { "plain", plain }, { "cached", cached }, { "flushed", flushed } }
  -- Reference: loading comp_press's .lc with loadfile, what a flushed call does on top of a call.
  local lc = (BASE:gsub("weather$", "wflushed")) .. ".comp_press.lc"
  local function run(f, args, n)
    local a = args[1]
    collectgarbage()
    local t0 = os.clock()
    for _ = 1, n do f(a) end
    return os.clock() - t0
  end
  local function calibrate(f, args)
    local n = 1
    while run(f, args, n) < 0.025 do n = n * 2 end
    return n
  end
  local load_lc = function() return loadfile(lc) end
  local n_load = calibrate(load_lc, { nil })
  local batches = {}
  for _, s in ipairs(subjects) do
    for _, m in ipairs(modes) do batches[s[1] .. "/" .. m[1]] = calibrate(s[3](m[2]), s[4]) end
  end
  local ratios, ns = {}, {}
  local function note(key, r, t)
    ratios[key] = ratios[key] or {}; ns[key] = ns[key] or {}
    table.insert(ratios[key], r); table.insert(ns[key], t)
  end
  for r = 1, rounds do
    for _, s in ipairs(subjects) do
      local per = {}
      for k = 0, #modes - 1 do -- rotate the order of the modes from round to round
        local m = modes[(k + r) % #modes + 1]
        local n = batches[s[1] .. "/" .. m[1]]
        per[m[1]] = run(s[3](m[2]), s[4], n) / n
      end
      for _, m in ipairs(modes) do note(s[1] .. " " .. m[1], per[m[1]] / per.plain, per[m[1]] * 1e9) end
      if s[1] == "comp_press" then
        local t = run(load_lc, { nil }, n_load) / n_load
        note("comp_press loadfile", t / per.plain, t * 1e9)
      end
    end
  end
  local function median(t)
    table.sort(t)
    return t[(#t + 1) // 2]
  end
  for _, s in ipairs(subjects) do
    print(("about %s %s"):format(s[1], s[2]))
    for _, m in ipairs(modes) do
      local key = s[1] .. " " .. m[1]
      print(("time %s %s %.3f %.1f"):format(s[1], m[1], median(ratios[key]), median(ns[key])))
    end
    if s[1] == "comp_press" then
      print(("time comp_press loadfile %.3f %.1f"):format(median(ratios["comp_press loadfile"]), median(ns["comp_press loadfile"])))
    end
  end
  local size = filesize(lc)
  print(("lcsize comp_press %d"):format(size))
  return
end

error("usage: measure.lua heap plain|cached|flushed | stubs | time [ROUNDS] | check")
