-- A sensor driver whose rarely used functions can live in .lc files.
local S = {}
local calibration = { offset = -40, scale = 165 / 4096 }
local readings = 0

function S.celsius(raw)
    readings = readings + 1
    return raw * calibration.scale + calibration.offset
end

function S.calibrate(offset, scale)
    if offset ~= nil and type(offset) ~= "number" then error("offset must be a number", 2) end
    calibration.offset = offset or calibration.offset
    calibration.scale = scale or calibration.scale
    return calibration.offset, calibration.scale
end

function S:report(t, h)
    return string.format("%s: %.1f C, %d %%RH after %d readings", self.name, t, h, readings)
end

S.name = "bme"
S.count = function() return readings end
return S
