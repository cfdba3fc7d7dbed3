-- binary_trees: allocation of many small tables in recursive tree shapes, recursion,
-- and garbage collection (Computer Language Benchmarks Game).
local N = tonumber(arg and arg[1]) or 14

local function BottomUpTree(depth)
  if depth > 0 then
    depth = depth - 1
    local left, right = BottomUpTree(depth), BottomUpTree(depth)
    return { left, right }
  else
    return { }
  end
end

local function ItemCheck(tree)
  if tree[1] then
    return 1 + ItemCheck(tree[1]) + ItemCheck(tree[2])
  else
    return 1
  end
end

local mindepth = 4
local maxdepth = mindepth + 2
if maxdepth < N then maxdepth = N end

do
  local stretchdepth = maxdepth + 1
  local stretchtree = BottomUpTree(stretchdepth)
  print("stretch tree of depth " .. stretchdepth .. "\t check: " .. ItemCheck(stretchtree))
end

local longlivedtree = BottomUpTree(maxdepth)

for depth = mindepth, maxdepth, 2 do
  local iterations = 1 << (maxdepth - depth + mindepth)
  local check = 0
  for i = 1, iterations do
    check = check + ItemCheck(BottomUpTree(depth))
  end
  print(iterations .. "\t trees of depth " .. depth .. "\t check: " .. check)
end

print("long lived tree of depth " .. maxdepth .. "\t check: " .. ItemCheck(longlivedtree))
