local Account = {}
Account.__index = Account
function Account.new(b) return setmetatable({balance = b}, Account) end
function Account:withdraw(v)
  if v > self.balance then error("insufficient funds", 2) end
  self.balance = self.balance - v
end
local acc = Account.new(100)
acc:withdraw(30)
print(acc.balance)
print(pcall(acc.withdraw, acc, 1000))
print(pcall(function() acc:withdraw(1000) end))  -- line 12
print(pcall(function() acc.withdraw(nil, 1) end))
