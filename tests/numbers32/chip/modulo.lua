-- Float modulo on the ESP8266: llimits.h defines luai_nummod for LUA_USE_ESP8266 as
--   if (b==0) luaG_runerror(L,"modulo by zero"); m = a - floor(a/b)*b; if (m*b < 0) m += b;
-- (luac.cross on a host uses fmodf instead, so this is worked out, not recorded).
local zero, huge = 0.0, math.huge
print(pcall(function() return 1.5 % zero end))
print(pcall(function() return 3 % zero end))
print(5.5 % 2, -5.5 % 2, 5.5 % -2, 7 % 2.5)
local r = 1 % huge          -- 1 - floor(0) * inf = 1 - 0 * inf: NaN (fmodf would give 1.0)
print(r ~= r)
print(0.0 % 1, -0.0 % 1 == 0)
