-- table.sort through __index/__newindex/__len and __lt
local backing = {4, 2, 5, 1, 3}
local proxy = setmetatable({}, {
  __index = function(_, k) return backing[k] end,
  __newindex = function(_, k, v) backing[k] = v end,
  __len = function() return #backing end,
})
table.sort(proxy)
print(table.concat(backing, " "))
local mt = {__lt = function(a, b) return a.v < b.v end}
local objs = {}
for i, v in ipairs({30, 10, 20}) do objs[i] = setmetatable({v = v}, mt) end
table.sort(objs)
print(objs[1].v, objs[2].v, objs[3].v)
table.sort(objs, function(a, b) return b < a end)
print(objs[1].v, objs[2].v, objs[3].v)
