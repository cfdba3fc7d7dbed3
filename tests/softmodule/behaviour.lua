-- Module functions must behave the same plain, flushed and cached: run with an argument
-- "plain" (also under lua5.3, which records the expected output), "flushed" or "cached".
package.path = file and "?.lua" or "./?.lua"  -- a NodeMCU device (global `file`) has flat names
local mode = arg[1] or "plain"

local forms = require "forms"
local ctor = require "ctor"
require "globalmod"
local saved = { bump = forms.bump, fact = forms.fact, greet = ctor.greet }

if mode ~= "plain" then
    local sm = require "softmodule"
    local inject = mode == "flushed" and sm.injectFlushedCall or sm.injectCachedCall
    for _, name in ipairs { "forms", "ctor", "globalmod" } do
        for _, f in ipairs(sm.getModuleFunctions(package.loaded[name])) do inject(name, f, true) end
        assert(#sm.getModuleFunctions(package.loaded[name]) == 0)
    end
end

local function show(...)
    local t = table.pack(...)
    for i = 1, t.n do t[i] = tostring(t[i]) end
    print(t.n, table.concat(t, " "))
end

print("-- identity and type")
print(type(forms.bump), forms.bump == saved.bump, forms.fact == saved.fact, ctor.greet == saved.greet)
print(forms.alias == forms.total, rawequal(forms.alias, forms.total))

print("-- shared private state")
show(forms.bump(), forms.bump(5), forms.total(), forms.alias())
local c = forms.counter(10)
show(c(), forms.total(), c(), forms.reset(), forms.total(), c())
show(forms.log())
show(ctor.greet("ana"), ctor.setGreeting("hi"), ctor.greet("bo"), ctor.twice(7))
show(globalmod.hit(), globalmod.hit(), globalmod.calls(), globalmod == package.loaded.globalmod)

print("-- methods")
local obj = setmetatable({ name = "station" }, { __index = forms })
show(obj:describe(), obj:describe("> "), forms.describe({ name = "raw" }))

print("-- recursion")
show(forms.fact(10), forms.fact(20), forms.fib(18))
show(forms.iseven(101), forms.isodd(101), forms.iseven(0))
show(forms.countdown(5000))

print("-- results")
show(forms.nils())
show(forms.nothing())
show(forms.echo())
show(forms.echo(nil, nil))
show(forms.echo(1, nil, 3, nil))
show(forms.many())
print(select("#", forms.nils()), #{ forms.many() }, (forms.many()))
local t = { forms.nils(), forms.nils() }
print(#t, t[1], t[2], t[3])

print("-- errors")
show(pcall(forms.fail, "boom"))
local ok, err = pcall(forms.fail, { code = 7 })
show(ok, type(err), err.code)
local e = {}
show(select(2, pcall(forms.failtable, e)) == e)
show(pcall(forms.faildeep, 3))
show(xpcall(forms.fail, function(m) return "handled: " .. m end, "bad"))
show(pcall(forms.fact, "x"))
show(forms.total(), forms.bump(), forms.fact(5))

print("-- coroutines")
local co = coroutine.wrap(forms.producer)
show(co(3))
show(co())
show(co())
show(co())
local gen = coroutine.create(function() return forms.guarded(21) end)
show(coroutine.resume(gen))
show(coroutine.resume(gen, 2))
show(coroutine.status(gen))
local inner = coroutine.wrap(function()
    local p = coroutine.wrap(forms.producer)
    coroutine.yield(p(2))
    coroutine.yield(p())
    return p()
end)
show(inner())
show(inner())
show(inner())

print("-- callbacks and metamethods")
local words = { "pear", "fig", "banana", "kiwi", "apple" }
table.sort(words, forms.byLength)
print(table.concat(words, " "))
show(string.gsub("a quiet word", "%a+", forms.shout))
local V = { __add = forms.addVectors }
local v = setmetatable({ x = 1, y = 2 }, V) + setmetatable({ x = 10, y = 20 }, V)
print(v.x, v.y, getmetatable(v) == V)
local lazy = setmetatable({}, { __index = function(_, k) return forms.echo(k) end })
print(lazy.key)

print("-- debug information")
local function info(f)
    local i = debug.getinfo(f, "Su")
    return i.short_src, i.source, i.what, i.linedefined, i.lastlinedefined, i.nparams, i.isvararg, i.nups
end
show(info(forms.bump))
show(info(forms.echo))
show(info(ctor.twice))
show(debug.getupvalue(forms.bump, 1))
local name, value = debug.getupvalue(forms.bump, 2)
show(name, type(value), value == nil)
local lines = {}
for line in pairs(debug.getinfo(forms.fact, "L").activelines) do lines[#lines + 1] = line end
table.sort(lines)
print(table.concat(lines, " "))
local dumped = load(string.dump(forms.fact))
show(pcall(dumped, 4))

print("-- hooks see the same calls, returns and lines")
local events = {}
local formsSource = debug.getinfo(forms.fact, "S").short_src
debug.sethook(function(event, line)
    local i = debug.getinfo(2, "S")
    if i.short_src == formsSource then events[#events + 1] = event:sub(1, 1) .. (line or "") end
end, "crl")
forms.fact(3)
forms.echo(forms.nils())
debug.sethook()
print(table.concat(events, " "))

print("-- after all that, the state is intact")
show(forms.total(), forms.bump(), forms.log())
