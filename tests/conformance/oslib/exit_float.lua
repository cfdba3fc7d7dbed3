-- os.exit with an integral float and a code above 255
print("exit 258.0")
os.exit(258.0)
