-- The greenhouse node's init.lua. Its modules (lfs/*.lua) run from a Lua Flash Store image:
--
--   flashluac -f -o lfs.img lfs/*.lua
--   flashlua --heap 44k --lfs lfs.img main.lua
--
-- or, for comparison, from the source files (flashlua main.lua): then every module is
-- compiled into the heap, its code, constants and strings included. As on NodeMCU, this file
-- stays small (it is compiled into the heap either way): it boots LFS and hands over to
-- modules that live there.
local init = node and node.LFS and node.LFS.get("_init")
if init then
  init()
else
  package.path = (arg[0]:match("^(.*)/") or ".") .. "/lfs/?.lua;" .. package.path
  require "_init"
end
require("demo").run()
