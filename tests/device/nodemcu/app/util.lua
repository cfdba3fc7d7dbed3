-- Run with dofile as a .lc: returns a function.
return function(n)
  local t = {}
  for i = 1, n do t[#t + 1] = i * i end
  return table.concat(t, ",")
end
