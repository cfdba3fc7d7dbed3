-- What softmodule itself promises: when code is in RAM, one load per call (not per recursion
-- level), dropping after errors and in dead coroutines, memory figures, the finder, and errors.
package.path = "./?.lua"
package.cpath = ""
local sm = require "softmodule"

-- Collected until it stops changing (each collection also gives back half of the frames a
-- deeper call left).
local function heap()
    local n
    repeat
        n = collectgarbage("count")
        collectgarbage()
    until collectgarbage("count") == n
    return n * 1024
end
local function try(f, ...)
    local r = table.pack(pcall(f, ...))
    print(table.unpack(r, 1, r.n))
end
local function copy(from, to)
    local f = assert(io.open(from, "rb"))
    local bytes = f:read("a")
    f:close()
    f = assert(io.open(to, "wb"))
    f:write(bytes)
    f:close()
end

print("-- dumpfunction before the module is loaded (found in the bytecode)")
print(sm.dumpfunction("probe", "dive"), package.loaded.probe)
print(sm.dumpfunction("static", "direct"), sm.dumpfunction("static", "later"))
try(sm.dumpfunction, "static", "made")
try(sm.dumpfunction, "static", "number")
try(sm.dumpfunction, "static", "twice")
try(sm.dumpfunction, "static", "missing")
try(sm.dumpfunction, "nosuchmodule", "f")
print(package.loaded.static)

print("-- flushed: code in RAM only while a call runs")
local P = require "probe"
sm.injectFlushedCall("probe", "self", true)
print(sm.status("probe", "self"))
print(P.self())
print(sm.status("probe", "self"))

print("-- recursion loads once: the file goes at the bottom, the frames above finish")
sm.injectFlushedCall("probe", "dive")   -- the .lc written by dumpfunction above
copy("probe.dive.lc", "dive.keep")
print(P.dive(20, "probe.dive.lc"))
print(sm.status("probe", "dive"))
try(P.dive, 1, "probe.dive.lc")
copy("dive.keep", "probe.dive.lc")
print(P.dive(3, "nothing-to-remove"))
os.remove("dive.keep")

print("-- an error drops the code too")
sm.injectFlushedCall("probe", "fail", true)
try(P.fail, "fault")
print(sm.status("probe", "fail"))

print("-- a coroutine suspended inside keeps it; a dead or forgotten one gives it back")
sm.injectFlushedCall("probe", "park", true)
local co = coroutine.create(P.park)
local function parked() return select(2, sm.status("probe", "park")), P.depth() end
print(coroutine.resume(co, "first"))
print(parked())
local nested = coroutine.create(function() return P.park("nested") end)
print(coroutine.resume(nested))
print(parked())
print(coroutine.resume(co, "back"))
print(parked())
print(coroutine.resume(nested, "done"))
print(parked())
local forgotten = coroutine.create(P.park)
print(coroutine.resume(forgotten, "never resumed"))
print(parked())
forgotten = nil
collectgarbage()
print(parked())
sm.injectFlushedCall("probe", "crash", true)
local dead = coroutine.create(P.crash)
coroutine.resume(dead)
print(coroutine.resume(dead))
print(coroutine.status(dead), sm.status("probe", "crash"))
dead = nil
collectgarbage()
print(sm.status("probe", "crash"))

print("-- cached: loaded by the first call, then kept")
sm.injectCachedCall("probe", "depth", true)
print(sm.status("probe", "depth"))
print(P.depth())
collectgarbage()
print(sm.status("probe", "depth"))
print(#sm.getModuleFunctions(P), table.concat(sm.getModuleFunctions(P), " "))

print("-- memory: a function's code leaves the heap")
-- Every figure is taken from the same stack position (the locals are declared first): a
-- collection shrinks the stack to what is in use there plus a margin.
local before, injected, after
P.big(1)  -- whatever the runtime makes once, at a first use, is made
before = heap()
sm.injectFlushedCall("probe", "big", true)
injected = heap()
print("saved", before - injected > 1000)
print(P.big(3))
after = heap()
print("after a call, back to the injected figure", after == injected)
sm.injectCachedCall("probe", "big")
print(sm.status("probe", "big"))
print(P.big(2))
after = heap()
print("cached: code back in the heap", after - injected > 1000)

print("-- wrong and stale files")
copy("probe.self.lc", "probe.self.keep")
copy("probe.fail.lc", "probe.self.lc")
try(P.self)
copy("probe.self.keep", "probe.self.lc")
os.remove("probe.self.keep")
print(P.self())
os.remove("probe.self.lc")
try(P.self)
try(function() local v = P.self() return v end)
local S = require "static"
copy("static.later.lc", "static.direct.lc")          -- the .lc of some other function
try(sm.injectFlushedCall, "static", "direct")
print(sm.status("static", "direct"))
os.remove("static.direct.lc")
try(sm.injectFlushedCall, "static", "direct")
sm.injectFlushedCall("static", "direct", true)
print(S.direct(), sm.status("static", "direct"))
sm.injectCachedCall("static", "direct")                -- already injected: only the mode changes
print(sm.status("static", "direct"))
try(sm.injectFlushedCall, "static", "number", true)
try(sm.injectFlushedCall, "static", "missing", true)
try(sm.injectFlushedCall, "string", "format", true)
try(sm.injectFlushedCall, "nosuchmodule", "f", true)
try(sm.dumpfunction, "probe")
try(sm.status, "notloaded", "f")

print("-- a function cannot be injected while it runs")
function S.selfinject() return pcall(sm.injectFlushedCall, "static", "selfinject", true) end
print(S.selfinject())
print(sm.status("static", "selfinject"))

print("-- string.dump and debug.getinfo of a function whose code is on file")
sm.injectFlushedCall("static", "later", true)
print(load(string.dump(S.later))(), sm.status("static", "later"))
print(debug.getinfo(S.later, "S").short_src, next(debug.getinfo(S.later, "L").activelines))

print("-- unloadModule")
local base = heap()
require "forms"
sm.injectFlushedCall("forms", "bump", true)
print(package.loaded.forms.bump(2))
print(sm.unloadModule("forms"), package.loaded.forms, sm.unloadModule("forms"))
print("heap back to where it was", heap() - base)
try(sm.unloadModule, "string")
try(sm.unloadModule, "_G")
print(("x"):rep(2), type(_G.print))
