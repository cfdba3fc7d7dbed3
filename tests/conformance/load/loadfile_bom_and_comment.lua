-- loadfile/dofile skip a UTF-8 byte-order mark and a '#' first line (luaL_loadfilex), keeping
-- line numbers; a partial mark is source text.
local name = os.tmpname()
local function try(content)
  local f = assert(io.open(name, "wb"))
  f:write(content)
  f:close()
  local chunk, err = loadfile(name)
  if not chunk then print("error", (err:gsub("^[^:]*:", "FILE:"))) return end
  print(pcall(chunk))
end
try("")
try("# a non-ending comment")
try("\xEF\xBB\xBF# some comment\nreturn 234")
try("\xEF\xBB\xBFreturn 239")
try("\xEF\xBB\xBF")
try("# a comment\nreturn require'debug'.getinfo(1).currentline")
try("\xEF\xBB\xBF# a comment\nreturn require'debug'.getinfo(1).currentline")
try("\xEF\xBBreturn 1")
try("\xEFreturn 1")
try("#!/usr/bin/lua\n" .. string.dump(function () return "binary after #" end))
try("\xEF\xBB\xBF" .. string.dump(function () return "binary after BOM" end))
try("#\n\n\nerror('line ' .. require'debug'.getinfo(1).currentline, 0)")
os.remove(name)
