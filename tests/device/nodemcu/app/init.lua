-- Boot: load lfs.img into LFS once (node.LFS.reload restarts the device), then run the app.
if file.exists("lfs.img") and not node.LFS.get("greeter") then
  print("reload:", node.LFS.reload("lfs.img"))
  return
end
dofile("main.lua")
