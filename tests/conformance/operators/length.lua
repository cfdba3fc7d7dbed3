print(#"", #"abc", #"a\0b", #"\u{20AC}")
print(#{}, #{1, 2, 3}, #{n = 1}, #{1, 2, 3, nil}, #{nil})
local t = {}
for i = 1, 100 do t[i] = i end
print(#t)
t[#t] = nil
print(#t)
t[#t + 1] = "new"
print(#t, t[#t])
-- removing from the end shrinks the border
for i = 100, 51, -1 do t[i] = nil end
print(#t)
local s = "hello"
print(#s, #s .. "", -#s, #s + 1)
print(pcall(function() return #nil end))
print(pcall(function() return #5 end))
print(pcall(function() local n = 5 return #n end))
print(pcall(function() local t = {} return #t.x end))
print(pcall(function() return #undefinedglobal end))
print(pcall(function() return #true end))
print(pcall(function() return #print end))
print(rawlen({1, 2}), rawlen("abcd"), pcall(rawlen, 5))
