local t = {}
t[1] = "int one"; t["1"] = "string one"; t[1.5] = "float"
print(t[1], t["1"], t[1.0], t[1.5], t["1.5"])
-- tostring/tonumber round trip for keys
print(t[tonumber("1")], t[tostring(1)])
-- large integers and their float equivalents
t[2^53] = "float key"
print(t[9007199254740992], math.type(next({[2^53] = 1})))
t[math.maxinteger] = "maxint"
print(t[math.maxinteger], t[math.maxinteger + 0.0])
t[2^63] = "float 2^63"
print(t[2^63], t[math.mininteger])
