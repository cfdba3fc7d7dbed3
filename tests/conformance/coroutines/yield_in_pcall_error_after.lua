-- an error after a yield inside pcall is caught by that pcall
local co = coroutine.wrap(function()
  for i = 1, 3 do
    local ok, err = pcall(function()
      local v = coroutine.yield(i)
      if v == "bad" then error("bad value at " .. i, 0) end
      return v
    end)
    print("iteration", i, ok, err)
  end
  return "done"
end)
print(co())
print(co("good"))
print(co("bad"))
print(co("good"))
