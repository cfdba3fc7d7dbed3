local values = {false, 0, 0.0, "", "false", {}, -1, math.huge}
for i = 1, #values + 1 do
  local v = values[i]
  if i == #values + 1 then v = nil end
  print(i, tostring(v) == tostring(v), v and "truthy" or "falsy", not v)
end
print(nil == false, 0 == false, "" == false)
print(not nil, not false, not 0, not "")
if 0 then print("0 is true") end
if "" then print("empty string is true") end
