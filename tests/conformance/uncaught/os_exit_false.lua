print("os.exit(false)")
os.exit(false)
