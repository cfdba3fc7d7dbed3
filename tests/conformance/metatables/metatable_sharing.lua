-- a metatable shared by many objects, class-like usage
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
function Point:len2() return self.x * self.x + self.y * self.y end
Point.__add = function(a, b) return Point.new(a.x + b.x, a.y + b.y) end
Point.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Point.__tostring = function(p) return "Point(" .. p.x .. ", " .. p.y .. ")" end
Point.__lt = function(a, b) return a:len2() < b:len2() end
Point.__le = function(a, b) return a:len2() <= b:len2() end
Point.__unm = function(a) return Point.new(-a.x, -a.y) end
Point.__len = function(a) return 2 end
Point.__call = function(self, k) return self[k] end
local p, q = Point.new(1, 2), Point.new(3, 4)
print(p + q, p == Point.new(1, 2), p ~= q, p < q, q <= p, -p, #p, p("y"), p:len2())
-- inheritance
local Point3 = setmetatable({}, {__index = Point})
Point3.__index = Point3
Point3.__tostring = function(p) return "Point3(" .. p.x .. ", " .. p.y .. ", " .. p.z .. ")" end
function Point3.new(x, y, z) local o = Point.new(x, y) o.z = z return setmetatable(o, Point3) end
function Point3:len2() return Point.len2(self) + self.z * self.z end
local r = Point3.new(1, 2, 3)
print(r, r:len2(), getmetatable(r) == Point3)
-- metamethods are not inherited through __index: Point3 has no __add
print(pcall(function() return r + r end))
