-- every base function called without arguments (or with a wrong first argument)
local names = {"assert", "collectgarbage", "dofile", "error", "getmetatable", "ipairs", "load", "loadfile",
  "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable",
  "tonumber", "tostring", "type", "xpcall"}
for _, name in ipairs(names) do
  if name ~= "dofile" and name ~= "loadfile" and name ~= "print" then  -- those read stdin / print
    print(name, pcall(_G[name]))
  end
end
for _, name in ipairs{"getmetatable", "ipairs", "next", "pairs", "rawget", "rawlen", "rawset", "setmetatable",
                      "tostring", "type", "select", "tonumber", "load", "assert", "error"} do
  local ok, e = pcall(_G[name], true, true)
  print(name .. "(true, true)", ok, type(e) == "string" and e or type(e))
end
