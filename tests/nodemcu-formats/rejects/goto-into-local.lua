for i = 1, 2 do
  goto skip
  local y = i
  ::skip::
  print(y)
end
