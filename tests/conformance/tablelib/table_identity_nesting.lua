local a = {}
local b = a
b.x = 1
print(a.x, a == b)
local c = {x = 1}
print(a == c)
-- nested tables and self references
local node = {name = "root", children = {}}
node.children[1] = {name = "child", parent = node}
node.self = node
print(node.children[1].parent.name, node.self.self.self.name)
-- tables as keys keep identity
local k1, k2 = {}, {}
local m = {[k1] = "one", [k2] = "two"}
print(m[k1], m[k2], m[{}])
-- counting entries with pairs (order independent)
local mixed = {1, 2, 3, x = 1, y = 2, [10] = 10, [2.5] = 1}
local n = 0
for _ in pairs(mixed) do n = n + 1 end
print(n)
