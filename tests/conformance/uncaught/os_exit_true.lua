print("os.exit(true) exits with 0")
os.exit(true)
