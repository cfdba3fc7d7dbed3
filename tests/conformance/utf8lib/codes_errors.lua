-- utf8.codes raises on invalid sequences
local function run(s)
  local out = {}
  local ok, err = pcall(function()
    for p, c in utf8.codes(s) do out[#out + 1] = p .. ":" .. c end
  end)
  print(table.concat(out, " "), ok, err)
end
run("ab\xFFcd")
run("\x80")
run("a\xC3")
run("\xE2\x82\xACx\xE2\x82")
run("abc\xC0\x80")
run("\xED\xA0\x80")
run("\xF4\x90\x80\x80")
print(pcall(utf8.codes))
print(pcall(utf8.codes, {}))
print(pcall(utf8.codes, 12))
