-- A fixed-size ring buffer: constant memory however long the device runs.
local RingBuffer = {}
RingBuffer.__index = RingBuffer

function RingBuffer.new(size)
  return setmetatable({ size = size, count = 0, head = 0, items = {} }, RingBuffer)
end

function RingBuffer:push(value)
  self.head = self.head % self.size + 1
  self.items[self.head] = value
  if self.count < self.size then self.count = self.count + 1 end
end

function RingBuffer:values()
  local i = 0
  return function()
    i = i + 1
    if i > self.count then return nil end
    local index = (self.head - self.count + i - 1) % self.size + 1
    return self.items[index]
  end
end

return RingBuffer
