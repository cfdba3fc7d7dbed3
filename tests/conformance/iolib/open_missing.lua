-- opening missing files and directories
print(io.open("/nonexistent-flashlua-dir/file"))
print(io.open("/nonexistent-flashlua-dir/file", "r"))
print(io.open("/nonexistent-flashlua-dir/file", "w"))
print(io.open("/nonexistent-flashlua-dir/file", "a+"))
print(io.open("no-such-file-here.txt"))
print(select("#", io.open("no-such-file-here.txt")))
print(io.open("/", "w"))
local d = io.open("/")
print(io.type(d))
if d then print(d:read("a")) print(d:read("l")) d:close() end
