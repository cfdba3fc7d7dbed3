-- invalid conversion specifiers and arguments
for _, f in ipairs({"%", "%Q", "%E", "%Ez", "%O", "%OY", "%5d", "%-d", "%#", "abc%", "%i", "%k", "%l", "%s", "%P", "%+"}) do
  print(f, pcall(os.date, "!" .. f, 0))
end
print(pcall(os.date, "!%Y", 1.5))
print(pcall(os.date, "!%Y", "x"))
print(pcall(os.date, {}, 0))
print(pcall(os.date, "!%Y", {}))
