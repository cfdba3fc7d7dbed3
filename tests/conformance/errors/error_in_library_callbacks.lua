-- errors raised inside callbacks called by library functions
print(pcall(table.sort, {3, 1, 2}, function(a, b) return a.x < b end))
print(pcall(string.gsub, "abc", "%w", function(c) return c + 1 end))
print(pcall(string.gsub, "abc", "%w", function(c) error("callback error") end))
print(pcall(load, function() error("reader error", 0) end))
print(select(2, xpcall(function() local t = nil return t[1] end, function(m) return "handled: " .. m end)))
print(pcall(function() local t = setmetatable({}, {__index = function(t, k) error("idx " .. k, 2) end}) return t.field end))
