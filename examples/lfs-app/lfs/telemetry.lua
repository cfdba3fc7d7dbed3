-- MQTT 3.1.1 packet encoding for telemetry, as NodeMCU's mqtt module puts on the wire:
-- CONNECT, PUBLISH (QoS 0 and 1), PINGREQ, and a decoder for what the broker sends back
-- (CONNACK, PUBACK). Packets are built with string.pack; a queue holds unacknowledged QoS 1
-- messages for retransmission.
local telemetry = {}

-- Packet types are literals below (CONNECT 1, CONNACK 2, PUBLISH 3, PUBACK 4, PINGREQ 12): a
-- module-level local used by functions would be an upvalue, a heap object.

local function varint(n)
  local out = {}
  repeat
    local byte = n % 128
    n = n // 128
    if n > 0 then byte = byte | 0x80 end
    out[#out + 1] = string.char(byte)
  until n == 0
  return table.concat(out)
end

local function str(s) return string.pack(">s2", s) end

local function packet(kind, flags, body)
  return string.char((kind << 4) | flags) .. varint(#body) .. body
end

function telemetry.connect(client_id, keepalive, will_topic, will_message)
  local flags = 0x02                       -- clean session
  local payload = str(client_id)
  if will_topic then
    flags = flags | 0x04 | 0x20            -- will flag, will retain
    payload = payload .. str(will_topic) .. str(will_message)
  end
  return packet(1, 0, str("MQTT") .. string.pack(">BBI2", 4, flags, keepalive) .. payload)
end

function telemetry.publish(topic, message, qos, id, retain)
  local flags = ((qos or 0) << 1) | (retain and 1 or 0)
  local body = str(topic)
  if (qos or 0) > 0 then body = body .. string.pack(">I2", id) end
  return packet(3, flags, body .. message)
end

function telemetry.ping() return packet(12, 0, "") end

-- Decodes one packet at the start of data: kind name, fields, and the rest of the data.
function telemetry.decode(data)
  if #data < 2 then return nil end
  local first = data:byte(1)
  local length, mult, i = 0, 1, 2
  repeat
    local b = data:byte(i)
    if not b then return nil end
    length = length + (b & 0x7F) * mult
    mult, i = mult * 128, i + 1
  until b & 0x80 == 0
  local body = data:sub(i, i + length - 1)
  local rest = data:sub(i + length)
  local kind = first >> 4
  if kind == 2 then
    local session, code = string.unpack(">BB", body)
    return "connack", { session = session & 1 == 1, code = code }, rest
  elseif kind == 4 then
    return "puback", { id = string.unpack(">I2", body) }, rest
  elseif kind == 3 then
    local topic, j = string.unpack(">s2", body)
    local qos, id = (first >> 1) & 3, nil
    if qos > 0 then id, j = string.unpack(">I2", body, j) end
    return "publish", { topic = topic, qos = qos, id = id, dup = first & 0x08 ~= 0, message = body:sub(j) }, rest
  end
  return "unknown", { kind = kind }, rest
end

-- A client: numbered QoS 1 messages stay queued until their PUBACK arrives.
local Client = {}
Client.__index = Client

function telemetry.client(id, send)
  return setmetatable({ id = id, send = send, next_id = 1, unacked = {}, sent = 0, bytes = 0 }, Client)
end

function Client:publish(topic, message, qos)
  local id
  if qos == 1 then
    id = self.next_id
    self.next_id = self.next_id % 65535 + 1
  end
  local p = telemetry.publish(topic, message, qos, id)
  if id then self.unacked[id] = p end
  self.sent, self.bytes = self.sent + 1, self.bytes + #p
  self.send(p)
  return id
end

function Client:receive(data)
  while data and #data > 0 do
    local kind, fields
    kind, fields, data = telemetry.decode(data)
    if kind == "puback" then self.unacked[fields.id] = nil end
  end
end

function Client:pending()
  local n = 0
  for _ in pairs(self.unacked) do n = n + 1 end
  return n
end

function Client:retransmit()
  local ids = {}
  for id in pairs(self.unacked) do ids[#ids + 1] = id end
  table.sort(ids)
  for _, id in ipairs(ids) do
    local p = self.unacked[id]
    -- the DUP flag on a retransmitted PUBLISH
    self.send(string.char(p:byte(1) | 0x08) .. p:sub(2))
  end
  return #ids
end

return telemetry
