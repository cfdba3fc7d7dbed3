local cases = {
  "local t = {1, 2", "x = (1 + 2", "f(1, 2", "if x then else", "while true do", "repeat x = 1",
  "local function end", "x.y.z", "x:y", "return 1,", "local x <const> = 1", "a = 1 = 2",
  "x = 1 + + 2", "function t:a.b() end", "goto 1", "::a", "local a.b = 1", "return not",
  "x = #", "t = {[1] 2}", "x = y z", "for i in do end", "local = 1", "x = 3 .. 4",
}
for _, src in ipairs(cases) do
  local f, err = load(src, "=src")
  print(string.format("%-28s %s", src, f and "compiles" or err))
end
