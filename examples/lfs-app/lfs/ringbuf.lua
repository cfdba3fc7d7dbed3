-- A fixed-size ring buffer: constant memory however long the device runs.
local RingBuffer = {}
RingBuffer.__index = RingBuffer

function RingBuffer.new(size)
  assert(math.type(size) == "integer" and size > 0, "ring buffer size must be a positive integer")
  return setmetatable({ size = size, count = 0, head = 0, items = {} }, RingBuffer)
end

function RingBuffer:push(value)
  self.head = self.head % self.size + 1
  self.items[self.head] = value
  if self.count < self.size then self.count = self.count + 1 end
end

function RingBuffer:full() return self.count == self.size end

-- The i-th oldest value (1 = oldest).
function RingBuffer:get(i)
  if i < 1 or i > self.count then return nil end
  return self.items[(self.head - self.count + i - 1) % self.size + 1]
end

function RingBuffer:latest() return self:get(self.count) end

function RingBuffer:values()
  local i = 0
  return function()
    i = i + 1
    return self:get(i)
  end
end

function RingBuffer:clear()
  self.count, self.head = 0, 0
  self.items = {}
end

RingBuffer.__len = function(self) return self.count end

return RingBuffer
