-- tail calls appear as (...tail calls...)
local function last() return debug.traceback("tb") end
local function mid() return last() end
local function first() return mid() end
print(first())
local function viaerr() error("boom") end
local function tail() return viaerr() end
print(select(2, xpcall(tail, debug.traceback)))
