print("before the error")
error("plain string error")
print("never printed")
