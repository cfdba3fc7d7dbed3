print("unfinished string)
