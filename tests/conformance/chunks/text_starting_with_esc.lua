-- text and binary detection is by the first byte only
print(load("\27 this is not a chunk", "=esc"))
print(load("\27 this is not a chunk", "=esc", "t"))
print(load(" \27", "=space"))
print(load("-- comment\n" .. "return 1", "=c")())
print(load("#!shebang is not skipped by load\nreturn 1", "=sh"))
