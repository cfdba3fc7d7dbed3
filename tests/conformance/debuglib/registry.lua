-- the registry
local r = debug.getregistry()
print(type(r))
print(debug.getregistry() == r)
print(type(r[2]), r[2] == _G)
print(type(r[1]))
print(type(r._LOADED), r._LOADED.string == string, r._LOADED._G == _G)
print(type(r._PRELOAD))
print(type(r.FILE_), type(r.FILE))
local keys = {}
for k, v in pairs(r) do if type(k) == "string" then keys[#keys + 1] = k end end
table.sort(keys)
print(table.concat(keys, " "))
