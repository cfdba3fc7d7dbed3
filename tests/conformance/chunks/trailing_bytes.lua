-- bytes after a complete binary chunk are ignored
local d = string.dump(function() return "ok" end)
print(load(d .. "garbage after the chunk", "=tail")())
print(load(d .. "\0\0\0\0", "=zeros")())
print(load(d .. d, "=twice")())
