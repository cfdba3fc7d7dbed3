-- os.exit with a code after buffered output
io.write("before exit ")
print("line")
io.stdout:write("no newline at the end")
os.exit(7)
print("never")
