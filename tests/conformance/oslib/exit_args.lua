-- os.exit argument checking; a negative code becomes 255
print(pcall(os.exit, 2.5))
print(pcall(os.exit, "x"))
print(pcall(os.exit, {}))
io.write("exiting with -1\n")
os.exit(-1)
