-- sensor: a BME280 driver (temperature, pressure, humidity) in the style of NodeMCU's
-- lua_modules, on a simulated I2C bus. The chip's registers are modelled, factory calibration
-- included, and readings are compensated with the 32-bit integer formulas of Bosch's datasheet
-- (section 4.2.3; pressure with its floating-point one), so the arithmetic is what a real
-- driver on an ESP8266 does. (Adapted from
-- examples/lfs-app/lfs/bme280.lua.)
--
-- The simulated chip is deterministic: its "weather" follows the number of measurements and a
-- linear congruential generator seeded from the settings (not from the clock), so every run
-- gives the same readings. Now and then it does not answer (an I2C NACK), as a chip on a long
-- cable does; the driver reports it and the sampler counts it.
local sensor = {}

-- ---------------------------------------------------------------- the simulated chip
local Chip = {}
Chip.__index = Chip

local function simulated_bus(address, seed)
  return setmetatable({ address = address, data = "\0\0\0\0\0\0\0\0", seed = seed, t = 0, nack = false }, Chip)
end

function Chip:write(addr, reg, value)
  if addr ~= self.address then return false end
  if reg == 0xF4 and value & 3 ~= 0 then      -- ctrl_meas: a forced measurement
    local t = self.t + 1
    -- The low 31 bits, which 32-bit integers (the chip's, where the product wraps) and 64-bit
    -- ones compute alike; '% 2147483648' would be a float on the chip (the numeral overflows).
    local seed = (self.seed * 1103515245 + 12345) & 0x7FFFFFFF
    local noise = (seed >> 8) % 2000 - 1000
    local adc_t = 508000 + math.floor(7000 * math.sin(t / 50)) + noise
    local adc_p = 415148 + math.floor(1500 * math.cos(t / 90)) + noise // 4
    local adc_h = 30000 + math.floor(2500 * math.sin(t / 55 + 1)) + noise * 2
    self.t, self.seed, self.data = t, seed, string.pack(">I3I3I2", adc_p << 4, adc_t << 4, adc_h)
    self.nack = (seed >> 4) % 97 == 0
  end
  return true
end

function Chip:read(addr, reg, count)
  if addr ~= self.address then return nil end
  local block, first
  if reg == 0xD0 then return "\x60"                                -- chip id
  elseif reg == 0xA1 then return "\x4B"                            -- H1
  elseif reg >= 0x88 and reg < 0x88 + 24 then                      -- T1..T3, P1..P9
    block, first = "\x70\x6B\x43\x67\x18\xFC\x7D\x8E\x43\xD6\xD0\x0B\x27\x0B\x8C\x00\xF9\xFF\x8C\x3C\xF8\xC6\x70\x17", 0x88
  elseif reg >= 0xE1 and reg < 0xE1 + 7 then                        -- H2, H3, H4/H5, H6
    block, first = "\x6A\x01\x00\x13\x2A\x03\x1E", 0xE1
  elseif reg >= 0xF7 then
    if self.nack then return nil end
    block, first = self.data, 0xF7
  else return string.rep("\0", count) end
  return block:sub(reg - first + 1, reg - first + count)
end

-- ---------------------------------------------------------------- the driver
-- The calibration is kept as the raw bytes read from the chip (32 bytes of string rather than
-- a table of eighteen fields) and unpacked at each measurement: heap is scarcer than time.
local Device = {}
Device.__index = Device

function sensor.setup(seed, address, bus)
  address = address or 0x76
  bus = bus or simulated_bus(address, seed or 1)
  local id = bus:read(address, 0xD0, 1)
  if not id or id:byte() ~= 0x60 then
    return nil, ("no BME280 at 0x%02x"):format(address)
  end
  local d = setmetatable({ address = address, bus = bus, reads = 0, errors = 0 }, Device)
  d.calib = bus:read(address, 0x88, 24) .. bus:read(address, 0xA1, 1) .. bus:read(address, 0xE1, 7)
  bus:write(address, 0xF2, 1)   -- ctrl_hum: humidity oversampling x1
  bus:write(address, 0xF5, 0)   -- config: filter off
  return d
end

-- Hundredths of a degree, and the t_fine the others need.
local function temperature(adc, T1, T2, T3)
  local var1 = ((adc // 8) - T1 * 2) * T2 // 2048
  local x = (adc // 16) - T1
  local var2 = (x * x // 4096) * T3 // 16384
  local fine = var1 + var2
  return (fine * 5 + 128) // 256, fine
end

-- Pascal * 256. The datasheet's integer formula needs 64-bit integers, which the ESP8266's
-- NodeMCU does not have (its integers are 32-bit: that version divides by zero there), so this is
-- its floating-point formula (section 8.1), fine in 32-bit floats.
local function pressure(adc, fine, P1, P2, P3, P4, P5, P6, P7, P8, P9)
  local var1 = fine / 2 - 64000
  local var2 = var1 * var1 * P6 / 32768
  var2 = var2 + var1 * P5 * 2
  var2 = var2 / 4 + P4 * 65536
  var1 = (P3 * var1 * var1 / 524288 + P2 * var1) / 524288
  var1 = (1 + var1 / 32768) * P1
  if var1 == 0 then return 0 end
  local p = 1048576 - adc
  p = (p - var2 / 4096) * 6250 / var1
  var1 = P9 * p * p / 2147483648
  var2 = p * P8 / 32768
  return math.floor((p + (var1 + var2 + P7) / 16) * 256)
end

-- Relative humidity * 1024.
local function humidity(adc, fine, H1, H2, H3, H4, H5, H6)
  local v = fine - 76800
  -- Both factors are shifted before they are multiplied, as the datasheet's 32-bit code does:
  -- the product of the unshifted ones overflows a chip's 32-bit integers.
  v = ((((adc << 14) - (H4 << 20) - (H5 * v)) + 16384) // 32768)
    * (((((((v * H6) // 1024) * (((v * H3) // 2048) + 32768)) // 1024) + 2097152) * H2 + 8192) // 16384)
  v = v - (((v // 32768) * (v // 32768)) // 128) * H1 // 16
  if v < 0 then v = 0 elseif v > 419430400 then v = 419430400 end
  return v >> 12
end

-- One forced measurement: temperature (C), pressure (hPa), relative humidity (%); or nil and
-- a message when the chip does not answer.
function Device:read()
  local bus, a = self.bus, self.address
  bus:write(a, 0xF4, (1 << 5) | (1 << 2) | 1)  -- ctrl_meas: T x1, P x1, forced mode
  local raw = bus:read(a, 0xF7, 8)
  if not raw then
    self.errors = self.errors + 1
    return nil, ("no answer from 0x%02x"):format(a)
  end
  local p_msb, t_msb, h = string.unpack(">I3I3I2", raw)
  local T1, T2, T3, P1, P2, P3, P4, P5, P6, P7, P8, P9, H1 = string.unpack("<I2i2i2I2i2i2i2i2i2i2i2i2B", self.calib)
  local H2, H3, e4, e5, e6, H6 = string.unpack("<i2BBBBb", self.calib, 26)
  local H4, H5 = (e4 << 4) | (e5 & 0x0F), (e6 << 4) | (e5 >> 4)
  local t, fine = temperature(t_msb >> 4, T1, T2, T3)
  local p = pressure(p_msb >> 4, fine, P1, P2, P3, P4, P5, P6, P7, P8, P9)
  local rh = humidity(h, fine, H1, H2, H3, H4, H5, H6)
  self.reads = self.reads + 1
  return t / 100, p / 25600, rh / 1024
end

-- Dew point (C) by the Magnus formula.
function sensor.dewpoint(t, rh)
  local g = math.log(rh / 100) + 17.62 * t / (243.12 + t)
  return 243.12 * g / (17.62 - g)
end

return sensor
