-- patterns: Lua pattern matching with string.find, string.match, string.gmatch and
-- string.gsub (captures, character classes, anchors, replacement tables/functions).
local N = tonumber(arg and arg[1]) or 10000

-- build a deterministic log-like text
local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" }
local lines = {}
for i = 1, N do
  local w = words[i % #words + 1]
  lines[i] = "2024-01-" .. (i % 28 + 10) .. " 12:" .. (i % 50 + 10) .. " [" ..
    (i % 7 == 0 and "ERROR" or "INFO") .. "] user=" .. w .. i .. " took " .. (i * 37 % 1000) ..
    "ms path=/api/v1/" .. w .. "/" .. i .. " key=value" .. (i % 13)
end
local text = table.concat(lines, "\n")

local acc = 0
for round = 1, 4 do
  -- gmatch with captures over the whole text
  for user, ms in text:gmatch("user=(%a+)%d+ took (%d+)ms") do
    acc = acc + #user + tonumber(ms)
  end
  -- find with plain and pattern searches, iterating positions
  local pos, count = 1, 0
  while true do
    local s, e = text:find("%[ERROR%]", pos)
    if not s then break end
    count = count + 1
    pos = e + 1
  end
  acc = acc + count
  local ppos, pcount = 1, 0
  while true do
    local s = text:find("key=value1", ppos, true)
    if not s then break end
    pcount = pcount + 1
    ppos = s + 1
  end
  acc = acc + pcount
  -- gsub with string, table and function replacements
  local r1, n1 = text:gsub("%d%d%d%d%-%d%d%-%d%d", "DATE")
  local r2, n2 = text:gsub("%[(%u+)%]", { ERROR = "<E>", INFO = "<I>" })
  local r3, n3 = text:gsub("path=(%S+)", function(p) return "p" .. #p end)
  acc = acc + #r1 + n1 + #r2 + n2 + #r3 + n3
  -- line-by-line match with anchors
  for line in text:gmatch("[^\n]+") do
    local d, lvl = line:match("^(%S+) %d+:%d+ %[(%a+)%]")
    if lvl == "ERROR" then acc = acc + #d end
    if line:match("%s(%w+)=value(%d)$") then acc = acc + 1 end
  end
end

-- frontier and balanced patterns
local b = string.rep("(a(b)c) [x[y]z] ", 2000)
local nb = 0
for _ in b:gmatch("%b()") do nb = nb + 1 end
for _ in b:gmatch("%f[%a]%a+") do nb = nb + 1 end

print("acc", acc, "balanced", nb)
