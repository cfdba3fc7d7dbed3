-- lua.c reads a script's arguments from the global 'arg' after -e has run (pushargs), and
-- '-' runs stdin. The interpreter is this script's own (arg[-1]); only stdout is compared.
local prog = arg[-1]
local function run(cmd)
  local f = io.popen(cmd .. " 2>&1", "r")
  local out = f:read("a")
  print(f:close())
  io.write(out)
end
run('echo "print(...)" | "' .. prog .. '" -e "arg[1] = 100" -')
run('echo "print(...)" | "' .. prog .. '" -e "arg[2] = 7" - x')
run('echo "print(select(\'#\', ...), ...)" | "' .. prog .. '" -e "arg = {n = 1, \'a\', nil, \'c\'}" - q r s')
run('echo "print(arg[1], ...)" | "' .. prog .. '" - -h')
run('echo "print(...)" | "' .. prog .. '" -e "arg = setmetatable({}, {__len = function() return 2 end, __index = function() return 9 end})" - z')
run('echo "" | "' .. prog .. '" -e "arg = 1" - >/dev/null 2>/dev/null; echo status $?')
