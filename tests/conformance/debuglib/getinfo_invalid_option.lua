-- invalid options
for _, opt in ipairs({"x", "nX", "S>", "a", "?", "Sf L", "nSltufrL", "lllll"}) do
  local ok, r = pcall(debug.getinfo, 1, opt)
  print(opt, ok, ok and type(r) or r)
end
print(pcall(debug.getinfo, print, ">"))
print(pcall(debug.getinfo, print, ">S"))
print(pcall(debug.getinfo, 1, 2))
print(pcall(debug.getinfo, 1, nil))
print(pcall(debug.getinfo, 1, {}))
