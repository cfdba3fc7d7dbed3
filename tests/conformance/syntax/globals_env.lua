x = 10
print(x, _ENV.x, _G.x, _ENV == _G)
_ENV.y = 20
print(y)
local function withenv()
  local _ENV = {print = print}
  z = 5
  print(z, x)
  return _ENV
end
local e = withenv()
print(e.z, z)
do
  local _ENV = setmetatable({}, {__index = _G})
  newglobal = "in private env"
  print(newglobal, _G.newglobal)
end
print(newglobal)
local function getenv() return _ENV end
print(getenv() == _G)
print(rawget(_G, "_G") == _G, _G._G == _G)
_G.x = nil
print(x)
