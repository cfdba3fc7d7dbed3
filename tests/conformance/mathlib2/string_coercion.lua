-- numeric strings accepted as math arguments
print(math.floor("3.7"), math.ceil("3.2"), math.abs("-4"), math.type(math.abs("-4")))
print(math.max("3", "20"), math.min("3", "20"), math.type(math.max("3", "20")))
print(math.fmod("9", "4"), math.modf("5.5"))
print(math.sqrt("0x10"), math.floor("0x10"), math.floor(" 12 "))
print(math.tointeger("0x10"), math.tointeger("1e2"), math.type(math.tointeger("1e2")))
print(math.ult("1", "2"), pcall(math.ult, "1.5", "2"))
print(pcall(math.floor, "1e"), pcall(math.abs, ""))
print(math.random("3", "3"), pcall(math.random, "3.5"))
