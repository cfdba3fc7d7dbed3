-- a line comment
print(1) -- trailing comment
--[[ a long
comment ]] print(2)
--[==[ long comment with ]] inside
still comment ]==] print(3)
---[[ this is a line comment because of the third dash
print(4)
--]]
--[ not long
print(5)
print(6 --[[ inline ]] + 1)
print(load("--[[ unfinished comment"))
print(type(load("return 1 -- comment at end without newline")))
print(load("return 1 -- comment")())
--[=[
print("never")
]=]
print("done")
