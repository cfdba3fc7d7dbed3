-- string.gmatch with '^' (in 5.3 '^' is not an anchor in gmatch: it matches a literal '^')
local function all(s, p)
  local out = {}
  for a, b in s:gmatch(p) do out[#out + 1] = tostring(a) .. (b and ("/" .. tostring(b)) or "") end
  print(string.format("%-8s %-10s", p, s), #out, table.concat(out, ","))
end
all("hello", "^h")
all("hello", "^l")
all("^a^b", "^%a")
all("^a^b", "%^(%a)")
all("aaa", "^a")
all("hello world", "%a+$")
all("hello world", "o$")
all("ab$", "b$")
all("abab", "ab")
all("  x  y ", "%s*(%S+)%s*")
all("key = value", "(%w+)%s*=%s*(%w+)")
all("", ".*")
all("abc", ".-")
