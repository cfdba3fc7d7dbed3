local function insert_item(list, item) table.insert(list, item) end
insert_item(nil, "x")
