for _, w in ipairs{1, 5, 10} do
  print(string.format("[%" .. w .. "d] [%-" .. w .. "d] [%" .. w .. "s] [%-" .. w .. "s]", 42, 42, "ab", "ab"))
end
print(string.format("[%.1f] [%.0f] [%8.3f] [%-8.3f] [%08.3f] [%+.2f]", 2.45, 2.5, math.pi, math.pi, -math.pi, 1))
print(string.format("[%5.1s] [%.10s] [%-3s]", "abc", "short", "toolong"))
print(string.format("[%x] [%5x] [%-5X] [%05x]", 3054, 3054, 3054, 3054))
print(string.format("[%g] [%.3g] [%10.2g] [%G]", 0.0001, math.pi, 12345, 1e-10))
print(string.format("%d items at %5.2f each = %8.2f", 3, 9.99, 3 * 9.99))
