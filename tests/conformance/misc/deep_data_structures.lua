-- build and walk a linked list and a binary tree
local list = nil
for i = 1, 1000 do list = {value = i, next = list} end
local sum, len = 0, 0
local node = list
while node do sum = sum + node.value len = len + 1 node = node.next end
print(len, sum)
local function insert(tree, v)
  if not tree then return {v = v} end
  if v < tree.v then tree.l = insert(tree.l, v) else tree.r = insert(tree.r, v) end
  return tree
end
local root
for _, v in ipairs{50, 30, 70, 20, 40, 60, 80, 35, 65} do root = insert(root, v) end
local out = {}
local function inorder(t) if t then inorder(t.l) out[#out + 1] = t.v inorder(t.r) end end
inorder(root)
print(table.concat(out, " "))
local function height(t) if not t then return 0 end return 1 + math.max(height(t.l), height(t.r)) end
print(height(root))
