-- a dump altered in its size fields
local d = string.dump(function() return 1 end, true)
-- header is 33 bytes, then the number of upvalues (1 byte), then the main function
print(#d, d:byte(34))
local f, e = load(d:sub(1, 33) .. "\0" .. d:sub(35), "=noups")
print(f ~= nil, e)
if f then print(f()) end
local big = d:sub(1, 33) .. "\5" .. d:sub(35)
f, e = load(big, "=moreups")
print(f ~= nil, e)
if f then print(f()) end
