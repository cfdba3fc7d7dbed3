error("raised from helper")
