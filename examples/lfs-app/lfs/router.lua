-- An HTTP/1.1 request parser and router, as a small web server on the device uses. The route
-- table is text, lines of "METHOD /path/:param module.function": in LFS it stays in flash, the
-- router reads it for each request instead of keeping tables of routes in RAM, and a handler's
-- module is required only when a request needs it. Responses are written through send(piece),
-- the body streamed when it is a function.
local router = {}

-- The reason phrase of a status code, found in one string (in flash, with LFS).
local function reason(status)
  return ([[
200 OK
201 Created
204 No Content
303 See Other
400 Bad Request
404 Not Found
405 Method Not Allowed
413 Payload Too Large
500 Internal Server Error
]]):match("%f[^\n%z]" .. status .. " ([^\n]*)") or "Unknown"
end

local function unescape(s)
  s = s:gsub("+", " ")
  return (s:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))
end

local function parse_query(q)
  local t = {}
  for pair in q:gmatch("[^&]+") do
    local k, v = pair:match("^([^=]*)=?(.*)$")
    t[unescape(k)] = unescape(v)
  end
  return t
end

-- A request from its raw text; nil, a reason and a status when it is malformed.
function router.parse(raw, max_body)
  local head, body = raw:match("^(.-)\r\n\r\n(.*)$")
  if not head then return nil, "incomplete request", 400 end
  local method, target, version = head:match("^(%u+) (%S+) (HTTP/1%.[01])")
  if not method then return nil, "bad request line", 400 end
  local path, query = target:match("^([^?]*)%??(.*)$")
  local req = { method = method, path = unescape(path), query = parse_query(query), version = version, headers = {} }
  for name, value in head:gmatch("\r\n([%w-]+):%s*([^\r]*)") do
    req.headers[name:lower()] = value
  end
  local length = tonumber(req.headers["content-length"] or "0")
  if not length then return nil, "bad Content-Length", 400 end
  if length > (max_body or 1024) then return nil, "body too large", 413 end
  req.body = body:sub(1, length)
  if req.headers["content-type"] == "application/x-www-form-urlencoded" then
    req.form = parse_query(req.body)
  end
  return req
end

-- The handler name and parameters of the first route matching method and path; otherwise nil
-- and whether some route had the path (with another method: 405 rather than 404).
function router.match(routes, method, path)
  local allowed = false
  for m, pattern, handler in routes:gmatch("(%u+) +(%S+) +([%w_.]+)") do
    local names = {}
    local lua_pattern = "^" .. pattern:gsub("[%-%.%+%[%]%(%)%$%^%%%?%*]", "%%%0"):gsub(":([%w_]+)", function(n)
      names[#names + 1] = n
      return "([^/]+)"
    end) .. "$"
    local captures = { path:match(lua_pattern) }
    if captures[1] ~= nil then
      if m == method then
        local params = {}
        for i, n in ipairs(names) do params[n] = unescape(captures[i]) end
        return handler, params
      end
      allowed = true
    end
  end
  return nil, allowed
end

-- Sends a response: status line, headers, body (a string, or a function(send) streamed after a
-- first pass that only counts its bytes for Content-Length).
function router.send(send, status, content_type, body, extra)
  local length = 0
  if type(body) == "function" then body(function(piece) length = length + #piece end)
  else length = #body end
  local head = { ("HTTP/1.1 %d %s"):format(status, reason(status)), "Content-Type: " .. content_type,
    "Content-Length: " .. length, "Connection: close" }
  for k, v in pairs(extra or {}) do head[#head + 1] = k .. ": " .. v end
  send(table.concat(head, "\r\n") .. "\r\n\r\n")
  if type(body) == "function" then body(send) elseif #body > 0 then send(body) end
  return status
end

-- The handler a route names ("module.function"), its module required now.
local function resolve(name)
  local module, fn = name:match("^([%w_]+)%.([%w_]+)$")
  local handler = require(module)[fn]
  if not handler then error("no handler " .. name, 2) end
  return handler
end

-- Handles one raw request: the route table, the handler for unknown paths, the request text
-- and the sink; handlers are called as handler(context, request, parameters) and return
-- status, content type, body (a string or a streaming function) and extra headers. Returns the
-- status sent.
function router.handle(routes, not_found, context, raw, send)
  local req, why, code = router.parse(raw)
  if not req then return router.send(send, code, "text/plain", why .. "\n") end
  local name, params = router.match(routes, req.method, req.path)
  if not name then
    if params then return router.send(send, 405, "text/plain", "method not allowed\n") end
    return router.send(send, resolve(not_found)(context, req))
  end
  local ok, status, ctype, body, extra = pcall(resolve(name), context, req, params)
  if not ok then return router.send(send, 500, "text/plain", "handler failed: " .. tostring(status) .. "\n") end
  return router.send(send, status, ctype, body, extra)
end

return router
