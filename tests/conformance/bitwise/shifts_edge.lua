for _, n in ipairs{0, 1, 31, 32, 63, 64, 65, -1, -63, -64, -65} do
  print(n, 1 << n, -1 >> n, 0x5555 << n, math.mininteger >> n)
end
