local t = { -- comment after brace
  1, --[[ inline ]] 2,
  --[==[ block
  comment ]==] 3,
}
print(#t)
local function f( --[[ no params ]] ) return --[[ value ]] "ok" end
print(f())
print(1 --[[c]] + --[[c]] 2 --[[c]] * 3)
local s = "-- not a comment"
print(s)
local l = [[--[[ not a comment either ]]
print(l)
