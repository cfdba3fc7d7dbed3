-- oop: method calls through metatables and __index chains (classes with inheritance),
-- plus __add/__eq/__lt/__call/__len metamethods.
local N = tonumber(arg and arg[1]) or 700000

local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({ x = x, y = y }, Point) end
function Point:add(o) return Point.new(self.x + o.x, self.y + o.y) end
function Point:dot(o) return self.x * o.x + self.y * o.y end
Point.__add = function(a, b) return a:add(b) end
Point.__eq = function(a, b) return a.x == b.x and a.y == b.y end

-- three-level inheritance: Shape <- Rect <- Square
local Shape = {}
Shape.__index = Shape
function Shape.new(name) return setmetatable({ name = name, hits = 0 }, Shape) end
function Shape:touch() self.hits = self.hits + 1; return self.hits end
function Shape:area() return 0 end

local Rect = setmetatable({}, { __index = Shape })
Rect.__index = Rect
function Rect.new(w, h)
  local r = Shape.new("rect")
  r.w, r.h = w, h
  return setmetatable(r, Rect)
end
function Rect:area() return self.w * self.h end

local Square = setmetatable({}, { __index = Rect })
Square.__index = Square
function Square.new(s)
  local q = Rect.new(s, s)
  q.name = "square"
  return setmetatable(q, Square)
end

local Counter = setmetatable({ n = 0 }, {
  __call = function(self, k) self.n = self.n + k; return self.n end,
  __len = function(self) return self.n end,
  __lt = function(a, b) return a.n < b.n end,
})

local shapes = {}
for i = 1, 100 do
  local k = i % 3
  if k == 0 then shapes[i] = Shape.new("s")
  elseif k == 1 then shapes[i] = Rect.new(i, 2)
  else shapes[i] = Square.new(i % 10) end
end

local acc = 0
local p = Point.new(0, 0)
local d = Point.new(1, 2)
for i = 1, N do
  local s = shapes[i % 100 + 1]
  acc = acc + s:area() + s:touch()         -- inherited lookups up to 3 levels
  p = p + d                                -- __add -> method -> constructor
  if p == d then acc = acc + 1 end         -- __eq
  acc = acc + p:dot(d) % 7
  Counter(1)
end
acc = acc + #Counter
if Counter < setmetatable({ n = N + 1 }, getmetatable(Counter)) then acc = acc + 1 end

print("acc", acc, "p", p.x, p.y)
