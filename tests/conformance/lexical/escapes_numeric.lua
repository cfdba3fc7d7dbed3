local function bytes(s)
  local t = {}
  for i = 1, #s do t[#t + 1] = string.byte(s, i) end
  return #s .. ":" .. table.concat(t, ",")
end
-- decimal escapes: up to three digits
print(bytes("\0"), bytes("\65"), bytes("\065"), bytes("\0651"), bytes("\255"))
print("\72\101\108\108\111")
print(bytes("\1\2\3"), bytes("\0012"))
-- hex escapes: exactly two digits
print(bytes("\x41\x42\x43"), bytes("\x00\xff\xFF\x7f"))
print("\x48\x69")
print(bytes("\x411"))
-- embedded zeros count in length
print(#"a\0b\0c", ("a\0b"):byte(2))
-- invalid escapes are syntax errors
print(load('return "\\256"'))
print(load('return "\\xg0"'))
print(load('return "\\x5"'))
print(load('return "\\q"'))
print(load('return "abc'))
print(load('return "abc\ndef"'))
