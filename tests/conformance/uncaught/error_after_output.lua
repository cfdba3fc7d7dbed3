for i = 1, 5 do print("line " .. i) end
io.write("partial line without newline")
error("stopped after output")
