function f()
  if true then
    print("missing ends")
