local conn = {}
conn:send("data")
