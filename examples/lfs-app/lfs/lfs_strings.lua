-- The "dummy strings" module (NodeMCU's lua_examples/lfs/dummy_strings.lua): it is never
-- called; building it into the image puts these strings in the ROM string table. A string the
-- runtime or the application makes that equals one of them is the ROM string and costs no
-- heap: the names the standard library registers at boot, table keys, header names, results
-- of concatenations and matches.
--
-- The list comes from the device itself: run the application with the image, then print
-- debug.getstrings('RAM') and move what is always there into this file.
local preload = "?.lc;?.lua", "/\n;\n?\n!\n-", "@init.lua", "_G", "_LOADED", "_LOADLIB",
"_PRELOAD", "_VERSION", "_IO_input", "_IO_output", "FILE*", "Lua 5.3", "RAM", "ROM",
"not enough memory", "[\0-\x7F\xC2-\xF4][\x80-\xBF]*", "collectgarbage",
-- metamethods
"__add", "__band", "__bnot", "__bor", "__bxor", "__call", "__close", "__concat", "__div",
"__eq", "__gc", "__idiv", "__index", "__le", "__len", "__lt", "__metatable", "__mod",
"__mode", "__mul", "__name", "__newindex", "__pow", "__shl", "__shr", "__sub",
"__tostring", "__unm",
-- the standard library's names
"abs", "acos", "arg", "asin", "atan", "ceil", "charpattern", "codepoint", "codes", "cosh",
"cpath", "date", "debug", "deg", "difftime", "dump", "execute", "exit", "exp", "file",
"find", "flashindex", "flashreload", "flush", "fmod", "format", "frexp", "getenv",
"gethook", "getinfo", "getlocal", "getmetatable", "getregistry", "getstrings",
"getupvalue", "getuservalue", "input", "insert", "ipairs", "ldexp", "len", "loaded",
"loadfile", "loadlib", "log10", "math", "maxinteger", "mininteger", "modf", "move", "next",
"node", "offset", "output", "packsize", "pairs", "path", "pcall", "pi", "popen", "pow",
"preload", "print", "rad", "random", "randomseed", "rawequal", "rawget", "rawlen", "rawset",
"reload", "remove", "rename", "require", "resource", "reverse", "running", "searchers",
"searchpath", "seek", "select", "sethook", "setlocal", "setlocale", "setmetatable",
"setupvalue", "setuservalue", "setvbuf", "sinh", "stderr", "stdin", "stdout", "string",
"table", "tan", "tanh", "tmpfile", "tmpname", "tonumber", "tostring", "traceback", "type",
"ult", "unpack", "upper", "upvalueid", "upvaluejoin", "wrap", "xpcall",
-- what the application makes at run time
"GET", "POST", "PUT", "DELETE", "HTTP/1.1", "Content-Type", "Content-Length",
"Connection", "close", "keep-alive", "Host", "User-Agent", "Accept", "Location",
"text/html", "application/json", "text/plain", "application/x-www-form-urlencoded",
"OK", "Not Found", "Bad Request", "Method Not Allowed", "See Other", "Payload Too Large",
"^/$", "^/readings$", "^/log$", "^/config$", "^/api/sensor/([^/]+)$", "^/api/status$",
"temperature", "humidity", "pressure", "greenhouse-7", "greenhouse-7/telemetry",
"greenhouse-7/status", "name", "sample_ms", "report_ms", "window", "alarm_high",
"alarm_low", "log_level", "log_keep", "mqtt_topic", "http_port", "i2c_address",
"string", "number", "DEBUG", "INFO", "WARN", "ERROR", "true", "false", "null"
