-- MD5 written the way pre-5.3 Lua code does it, with bit32 (LUA_COMPAT_BITLIB in Debian's lua5.3):
-- every operation is a bit32 call, so a missing or slow bit32 shows at once.
local band, bor, bxor, bnot, lrotate = bit32.band, bit32.bor, bit32.bxor, bit32.bnot, bit32.lrotate
local K, S = {}, {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21}
for i = 0, 63 do K[i] = math.floor(math.abs(math.sin(i + 1)) * 2 ^ 32) % 2 ^ 32 end
local function md5(msg)
  local len = #msg
  msg = msg .. "\128" .. string.rep("\0", (55 - len) % 64) .. string.pack("<I8", (len * 8) % 2 ^ 64)
  local a0, b0, c0, d0 = 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476
  for chunk = 1, #msg, 64 do
    local M = {string.unpack("<" .. string.rep("I4", 16), msg, chunk)}
    local A, B, C, D = a0, b0, c0, d0
    for i = 0, 63 do
      local F, g
      if i < 16 then F, g = bor(band(B, C), band(bnot(B), D)), i
      elseif i < 32 then F, g = bor(band(D, B), band(bnot(D), C)), (5 * i + 1) % 16
      elseif i < 48 then F, g = bxor(B, C, D), (3 * i + 5) % 16
      else F, g = bxor(C, bor(B, bnot(D))), (7 * i) % 16 end
      local s = S[(i // 16) * 4 + i % 4 + 1]
      F = (F + A + K[i] + M[g + 1]) % 2 ^ 32
      A, D, C = D, C, B
      B = (B + lrotate(F, s)) % 2 ^ 32
    end
    a0, b0, c0, d0 = (a0 + A) % 2 ^ 32, (b0 + B) % 2 ^ 32, (c0 + C) % 2 ^ 32, (d0 + D) % 2 ^ 32
  end
  return (string.pack("<I4I4I4I4", a0, b0, c0, d0):gsub(".", function (c) return string.format("%02x", c:byte()) end))
end
for _, s in ipairs{"", "a", "abc", "message digest", "The quick brown fox jumps over the lazy dog", string.rep("x", 1000)} do
  print(md5(s), #s)
end
local big = string.rep("0123456789", 10000)
print(md5(big))
print(bit32.extract(0xF0F0, 4, 8), bit32.replace(0, 0xFF, 8, 8), bit32.arshift(-1, 4), bit32.btest(1, 2), bit32.rshift(-1, 28))
