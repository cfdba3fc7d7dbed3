-- simple escapes: print the byte values so invisible characters show up
local function bytes(s)
  local t = {}
  for i = 1, #s do t[#t + 1] = string.byte(s, i) end
  return #s .. ":" .. table.concat(t, ",")
end
print(bytes("\a\b\f\n\r\t\v"))
print(bytes("\\"), bytes("\""), bytes("\'"))
print(bytes('\"'), bytes('\''))
print("tab[\t]")
print("quote\"inside", 'single\'inside', "mixed'quote", 'mixed"quote')
print(bytes("a\
b"))
print(#"\n\n\n", #"")
print("backslash-n literal: \\n")
