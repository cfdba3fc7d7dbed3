-- string.find / match pattern errors
local pats = {"(", ")", "%", "[a", "[^", "[a-", "%b", "%ba", "%f", "%fa", "(()", "%1", "(a)%2",
  "(a%1)", "a)", "[%", "[]", "[^]", "%g(", "((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))"}
for _, p in ipairs(pats) do
  print(p, pcall(string.find, "abc(a)", p))
end
print(pcall(string.find))
print(pcall(string.find, "a"))
print(pcall(string.find, "a", {}))
print(pcall(string.find, "a", "a", "x"))
print(pcall(string.find, "a", "a", 1.5))
print(pcall(function() return ("a"):find() end))
print(pcall(string.find, "a", string.rep("(", 33) .. "a" .. string.rep(")", 33)))
print(pcall(string.find, "a", string.rep("()", 32)))
print(select("#", string.find("a", string.rep("()", 32))))
print(pcall(string.match, string.rep("a", 300), string.rep(".-", 300)))
print(pcall(string.match, string.rep("a", 100), string.rep(".-", 100)))
