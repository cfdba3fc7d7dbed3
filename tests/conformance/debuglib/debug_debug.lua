-- debug.debug reads commands from stdin (here /dev/null: it returns at once)
print(select('#', debug.debug()))
print("after")
