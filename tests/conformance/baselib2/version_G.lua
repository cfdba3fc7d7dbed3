-- _VERSION and _G
print(_VERSION, type(_VERSION))
print(_G._G == _G, _G._VERSION == _VERSION, _ENV == _G)
local names = {}
for k, v in pairs(_G) do
  if type(k) == "string" and k ~= "bit32" then names[#names + 1] = k .. ":" .. type(v) end
end
table.sort(names)
print(table.concat(names, " "))
local fnames = {}
for _, lib in ipairs{"coroutine", "io", "os", "string", "table", "utf8"} do
  local keys = {}
  for k in pairs(_G[lib]) do keys[#keys + 1] = k end
  table.sort(keys)
  fnames[#fnames + 1] = lib .. "=" .. #keys
end
print(table.concat(fnames, " "))
_G.newglobal = 5
print(newglobal)
local saved = _G
_G = nil
print(saved.print == print, _G)
_G = saved
print(rawget(_G, "undefined"), rawget(_G, "print") == print)
