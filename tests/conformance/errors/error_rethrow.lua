-- rethrowing keeps the original message (level 0) or adds a prefix
local function inner() error("original") end
local ok, e = pcall(inner)
print(pcall(error, e, 0))
print(pcall(function() error(e) end))
print(pcall(function() error(e, 2) end))
-- error objects keep identity through several pcalls
local obj = {}
local ok2, got = pcall(function() local ok3, e3 = pcall(error, obj) error(e3) end)
print(got == obj)
-- a finally-like idiom
local log = {}
local function with_cleanup(f)
  local ok, err = pcall(f)
  log[#log + 1] = "cleanup"
  if not ok then error(err, 0) end
  return err
end
print(pcall(with_cleanup, function() error("body failed") end))
print(pcall(with_cleanup, function() return "body ok" end))
print(table.concat(log, ","))
