-- LuaFileSystem as programs use it (Debian's lua-filesystem for lua5.3; built into flashlua).
local lfs = require "lfs"
print(lfs._VERSION)
local base = os.tmpname()
os.remove(base)
print(lfs.mkdir(base))
print(select("#", lfs.mkdir(base)), (select(2, lfs.mkdir(base))))
local sub = base .. "/sub"
assert(lfs.mkdir(sub))
local file = base .. "/file.txt"
local f = assert(io.open(file, "w")); f:write("12345"); f:close()
print(lfs.touch(file, 1000000000, 1500000000))
local a = lfs.attributes(file)
print(a.mode, a.size, a.access, a.modification, a.permissions:match("^r") ~= nil, type(a.ino), a.nlink)
print(lfs.attributes(file, "size"), lfs.attributes(sub, "mode"), lfs.attributes(base .. "/none"))
print(pcall(lfs.attributes, file, "nosuchfield"))
local t = {}
print(lfs.attributes(file, t) == t, t.mode)
print(lfs.link(file, base .. "/ln", true))
local l = lfs.symlinkattributes(base .. "/ln")
print(l.mode, l.target == file, lfs.attributes(base .. "/ln", "mode"))
local names = {}
for name in lfs.dir(base) do names[#names + 1] = name end
table.sort(names)
print(table.concat(names, " "))
local iter, d = lfs.dir(base)
print(type(iter), tostring(d):match("^directory"), d:next() ~= nil)
d:close()
print(pcall(d.next, d))
print(pcall(lfs.dir, base .. "/none"))
local here = lfs.currentdir()
print(lfs.chdir(sub), lfs.currentdir() == (io.popen("cd " .. sub .. " && pwd -P"):read("l")))
print(lfs.chdir(base .. "/none"))
lfs.chdir(here)
print(lfs.setmode(io.stdout, "binary"))
print(lfs.rmdir(base), (select(2, lfs.rmdir(base .. "/none"))))
os.remove(base .. "/ln"); os.remove(file)
print(lfs.rmdir(sub), lfs.rmdir(base))
print(lfs.attributes(base))
