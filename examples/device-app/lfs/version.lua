-- The application's version: init.lua reloads LFS from lfs.img when it differs from the one
-- init.lua expects (bump both together).
return "1.2.0"
