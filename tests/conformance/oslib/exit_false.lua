-- os.exit(false) exits with status 1
print("failing")
os.exit(false)
