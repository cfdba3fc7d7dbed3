print("flashlua")
