-- os.execute results
print(os.execute())
print(os.execute("true"))
print(os.execute("exit 3"))
print(os.execute("false"))
print(os.execute("kill -9 $$"))
print(pcall(os.execute, {}))
