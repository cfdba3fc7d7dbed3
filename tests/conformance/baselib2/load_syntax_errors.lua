-- syntax error messages from load
local srcs = {
  "x =", "x = 1 +", "local", "local 1", "if x then", "if x end", "for i = 1 do end", "for in x do end",
  "function f( end", "return return", "x = }", "x = {", "x = (1", "f(", "a.b:c = 1", "x = 'unfinished",
  "x = [[unfinished", "--[[ unfinished comment", "goto nowhere", "::a:: ::a::", "break", "x = 1 1",
  "local x <const> = 1", "x = 0x", "x = 1e", "x = '\\q'", "x = '\\300'", "x = '\\u{110000000}'", "x = '\\xZZ'",
  "return ...", "function f() return ... end", "x = #", "x = a..", "and", "x = not", "@", "x = 3 $ 4",
  "local t = {} t.1 = 2", "while true do", "repeat until", "return 1,", "f{", "local function() end",
  "x = function", "elseif", "end", "until x", "a, b", "a, b = ", "(a) = 1", "a() = 1", "x = ~= 1",
}
for _, s in ipairs(srcs) do
  local f, e = load(s, "=src")
  print(s:gsub("\n", "\\n"), f and "ok" or e)
end
