local limit
for i = 1, limit do print(i) end
