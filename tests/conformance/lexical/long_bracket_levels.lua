print([====[level four ]===] ]==] ]=] ]] still inside]====])
print([=[
]]]=])
local s = [==[
a
b]==]
print(#s, s)
--[====[ a long comment of level 4
]] ]=] ]==] ]===]
]====] print("after level-4 comment")
print(load("return [=[ mismatched ]==]"))
print(load("return [=x[ bad ]=]"))
