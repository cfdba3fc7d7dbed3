-- load with a reader function returning pieces
local pieces = {"return ", "1 ", "+ ", "41"}
local i = 0
local f = load(function() i = i + 1 return pieces[i] end)
print(f())
-- an empty string ends the chunk as well as nil
local parts = {"return 'a'", " .. 'b'", ""}
i = 0
print(load(function() i = i + 1 return parts[i] end)())
-- pieces split in the middle of tokens
local src = "local longname = 'string value' return longname .. [[ long ]]"
local pos = 0
f = load(function() pos = pos + 1 if pos <= #src then return src:sub(pos, pos) end end)
print(f())
-- the reader returning a non-string is an error
-- (called through pcall: lua5.3 runs the standalone interpreter's message
-- handler on errors raised by a reader when load is called outside pcall)
print(pcall(load, function() return true end))
local n = 0
print(pcall(load, function() n = n + 1 if n == 1 then return "return 1" end return {} end))
-- an error raised inside the reader
print(pcall(load, function() error("reader failed") end))
-- reader with chunk name
print(type(load(function() return nil end, "=empty")))
print(pcall(load(function() return nil end, "=empty")))
local once = false
print(load(function() if not once then once = true return "x = = 1" end end, "=reader chunk"))
