-- fib: recursive function calls (call/return overhead, integer compare and add).
local N = tonumber(arg and arg[1]) or 33

local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

print("fib(" .. N .. ") = " .. fib(N))
