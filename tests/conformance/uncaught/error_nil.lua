print("error(nil)")
error(nil)
