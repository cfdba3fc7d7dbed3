-- Pure-Lua libraries as Debian installs them for lua5.3 (/usr/share/lua/5.3), found through the
-- default package.path: dkjson, inspect, penlight, argparse, binaryheap, say, luassert, ansicolors.
local json = require "dkjson"
local s = json.encode({a = {1, 2, 3}, b = "x\"y", c = true, d = 1.5, e = {n = json.null}}, {indent = true, keyorder = {"a", "b", "c", "d", "e"}})
print(s)
local t = json.decode('{"k": [1, 2.5, "s", null, {"z": false}], "u": "\\u00e9"}')
print(t.k[1], t.k[2], t.k[3], t.k[4], t.k[5].z, t.u)
local inspect = require "inspect"
print(inspect({1, 2, x = {y = "z"}, [{}] = 1, f = print}, {process = function (item) if type(item) == "function" then return "fn" end return item end}))
local pl = require "pl.import_into"()
print(pl.pretty.write({1, 2, {a = 1}}, ""))
print(pl.stringx.split("a,b,,c", ","))
print(pl.List{3, 1, 2}:sort():map(function (x) return x * 10 end))
print(pl.tablex.deepcompare({1, {2}}, {1, {2}}), pl.utils.quote_arg("a b"))
print(pl.template.substitute("hello $(name)!", {name = "world"}))
local Date = require "pl.Date"
local d = Date{year = 2020, month = 2, day = 29, hour = 12}
print(d:year(), d:month(), d:day(), d:weekday_name())
local OrderedMap = require "pl.OrderedMap"
local m = OrderedMap(); m:set("b", 1); m:set("a", 2)
for k, v in m:iter() do print(k, v) end
print(pl.sip.match("$v=$d", "x=42", {}))
local class = require "pl.class"
local A = class(); function A:_init(x) self.x = x end function A:get() return self.x end
local B = class(A); function B:get() return "B" .. self._base.get(self) end
print(B(5):get(), B:class_of(B(1)), A:class_of(B(1)))
local argparse = require "argparse"
local p = argparse("prog", "desc"); p:argument("input"); p:option("-o --output", "out", "a.out"); p:flag("-v")
local args = p:parse({"in.txt", "-v", "-o", "x"})
print(args.input, args.output, args.v)
print(select(2, p:pparse({})))
local bh = require "binaryheap"
local h = bh.minUnique(); h:insert(5, "five"); h:insert(1, "one"); h:insert(3, "three")
print(h:pop(), h:pop(), h:pop())
local say = require "say"
say:set("greet", "Hello %s"); print(say("greet", {"you"}))
local assert2 = require "luassert"
print(pcall(assert2.are.same, {1, 2}, {1, 3}))
print(pcall(assert2.is_true, true), select(2, pcall(assert2.has_error, function () error("x") end)))
local colors = require "ansicolors"
print((colors("%{red}red%{reset} plain"):gsub("\27", "ESC")))
print(pl.path.splitext("dir/file.tar.gz"), pl.path.basename("/a/b/c.txt"))
print(pl.seq.copy(pl.seq.filter(pl.seq.list{1, 2, 3, 4}, function (x) return x % 2 == 0 end)))
print(pl.stringx.shorten("abcdefghijkl", 6), pl.text.dedent("  a\n  b\n"))
print(pl.pretty.read("{a=1,b={2,3}}").b[2])
print(string.format("%q", 1/3), pl.compat.lua51)
