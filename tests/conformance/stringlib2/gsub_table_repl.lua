-- string.gsub with table replacements
local t = {name = "Lua", version = "5.3", n = 1, f = false, x = 2.5, t = {}}
print(string.gsub("$name $version", "%$(%w+)", t))
print(string.gsub("$missing!", "%$(%w+)", t))
print(string.gsub("$f!", "%$(%w+)", t))
print(string.gsub("$n $x", "%$(%w+)", t))
print(pcall(string.gsub, "$t", "%$(%w+)", t))
print(string.gsub("abc", "%w", {a = 1, c = 0.5}))
print(pcall(string.gsub, "abc", "%w", {a = 1, b = true}))
local idx = setmetatable({}, {__index = function(_, k) return k:upper() end})
print(string.gsub("hello world", "%w+", idx))
-- whole match is the key when there is no capture
print(string.gsub("a b c", "%a", {a = "A", c = "C"}))
-- position capture as key
print(string.gsub("abc", "()", {[1] = "<1>", [3] = "<3>"}))
-- first capture is the key when there are several
print(string.gsub("k=v", "(%w)=(%w)", {k = "K"}))
