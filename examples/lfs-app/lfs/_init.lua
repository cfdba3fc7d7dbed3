-- _init: run once at boot, as NodeMCU's lua_examples/lfs/_init.lua does.
--
-- Installs the global `LFS` (node.LFS, or an empty stand-in when the modules run from files),
-- makes loadfile/dofile fall back to LFS for "name.lua"/"name.lc" that are not in the file
-- system, and makes sure `require` can find LFS modules.
local G = _ENV
local lfs = node and node.LFS

if not lfs then
  -- running from source files: an LFS with nothing in it
  lfs = setmetatable({
    list = function() return {} end,
    get = function() return nil end,
    config = { mapped = 0, base = 0, size = 0, used = 0 },
    time = 0,
  }, { __index = function() return nil end })
end
G.LFS = lfs

-- loadfile/dofile: the file system first, then LFS (the functions use globals, so they share
-- the module's _ENV and capture only the original loadfile).
local lf = loadfile
G.loadfile = function(name, ...)
  local f = io.open(name, "r")
  if f then
    f:close()
    return lf(name, ...)
  end
  local mod = name:match("^(.-)%.l[uc]a?$")
  local fn = mod and LFS.get(mod)
  if fn then return fn end
  return nil, ("cannot find '%s' in the file system or LFS"):format(name)
end
G.dofile = function(name) return assert(loadfile(name))() end

-- A searcher for LFS modules, unless the runtime already has one (Lua 5.3 has four searchers;
-- flashlua --lfs adds a fifth, after the file searcher).
if node and node.LFS and #package.searchers < 5 then
  table.insert(package.searchers, function(name)
    local fn = LFS.get(name)
    if fn then return fn, ":lfs:" end
    return "\n\tno module '" .. name .. "' in LFS"
  end)
end

return true
