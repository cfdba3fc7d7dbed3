-- type names after the second "userdata" the chip stores
return function() return "thread", "proto", "userdata" end
