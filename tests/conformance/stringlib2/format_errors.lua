-- string.format errors: invalid options, flags, widths, precision
local f = string.format
local specs = {"%", "%y", "%F", "%b", "%n", "%p", "%ll", "%hd", "%Lf", "%z", "%*d", "%$", "%-", "% ",
  "%5", "%.", "%.3", "%-+ #0d", "%--+ #0d", "%------d", "%-----d", "%++++++d", "%00000d", "%0000d",
  "%99d", "%100d", "%.99f", "%.100f", "%123d", "%1.123f", "%10.99f", "%-#099.99x", "%5.5.5d", "%5-d", "%.-3d", "%%%"}
for _, s in ipairs(specs) do
  local ok, r = pcall(f, s, 1)
  print(s, ok, ok and #r or r)
end
print(pcall(f))
print(pcall(f, 1))
print(f(12))
print(pcall(f, {}))
print(pcall(function() return ("%w"):format(1) end))
