local s = "text"
s:nomethod()
