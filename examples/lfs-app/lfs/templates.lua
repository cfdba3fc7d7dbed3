-- HTML templates of the device's web pages, and a renderer that streams them piece by piece.
--
-- All templates are one long string, each after a line "@@ name": in LFS the string lies in
-- flash, and the renderer reads a template where it lies (by position, without copying it out),
-- so neither the templates nor a table of them take heap.
local templates = {}

local TEXT = [[
@@ layout
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}} - {{device}}</title>
<style>
body { font-family: -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; background: #f4f6f4; color: #1d2b1f; }
header { background: #2f6b3a; color: #fff; padding: 0.8em 1.2em; }
header h1 { margin: 0; font-size: 1.3em; font-weight: 600; }
nav a { color: #d8f0dc; margin-right: 1em; text-decoration: none; }
main { padding: 1em 1.2em; max-width: 48em; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 0.35em 0.6em; border-bottom: 1px solid #dde5de; }
th { background: #e8efe9; font-weight: 600; }
.alarm { color: #b3261e; font-weight: 600; }
.ok { color: #2f6b3a; }
footer { color: #6b7a6d; font-size: 0.8em; padding: 1em 1.2em; }
</style>
</head>
<body>
<header><h1>{{device}}</h1>
<nav><a href="/">Overview</a><a href="/readings">Readings</a><a href="/log">Log</a><a href="/config">Settings</a></nav>
</header>
<main>
{{{body}}}
</main>
<footer>FlashLua {{version}} &middot; uptime {{uptime}} &middot; {{served}} requests served</footer>
</body>
</html>
@@ overview
<h2>Overview</h2>
<p class="{{state_class}}">State: {{state}}</p>
<table>
<tr><th>Measurement</th><th>Now</th><th>Mean</th><th>Min</th><th>Max</th></tr>
{{{rows}}}</table>
<p>Dew point {{dewpoint}} &deg;C. {{samples}} samples taken, {{alarms}} alarms raised.</p>
@@ measurement
<tr><td>{{{name}}}</td><td>{{now}}</td><td>{{mean}}</td><td>{{min}}</td><td>{{max}}</td></tr>
@@ readings
<h2>Readings</h2>
<p>The last {{count}} samples, oldest first, every {{period}} s.</p>
<table>
<tr><th>#</th><th>Temperature (&deg;C)</th></tr>
{{{rows}}}
</table>
@@ row
<tr><td>{{n}}</td><td>{{value}}</td></tr>
@@ log
<h2>Log</h2>
<p>{{summary}}</p>
<pre>{{lines}}</pre>
@@ settings
<h2>Settings</h2>
<form method="POST" action="/config">
<table>
{{{rows}}}
</table>
<p><button type="submit">Save</button></p>
</form>
@@ not_found
<h2>Not found</h2>
<p>There is no page at <code>{{path}}</code> on this device. The pages are listed in the
navigation bar above; the JSON API is under <code>/api/</code>.</p>
@@
]]

-- HTML-escapes text (numeric character references: no table of entities to keep in RAM).
function templates.escape(s)
  return (tostring(s):gsub("[&<>\"']", function(c) return "&#" .. c:byte() .. ";" end))
end

-- Streams a template to send(piece): the literal text between placeholders, then each value,
-- escaped for {{name}} and as it is for {{{name}}}. A value may also be a nested template
-- ({ template name, its values }) or a function(send) that streams itself (table rows). The
-- page is never built whole in RAM: on a device each piece goes to the socket as it is made.
function templates.stream(name, values, send)
  local _, header_end = TEXT:find("@@ " .. name .. "\n", 1, true)
  if not header_end then error("no template '" .. tostring(name) .. "'", 2) end
  local pos = header_end + 1
  local stop = TEXT:find("\n@@", pos, true)   -- the template's last character
  while true do
    local first, last, raw, key = TEXT:find("{{({?)([%w_]+)}?}}", pos)
    if not first or first > stop then break end
    if first > pos then send(TEXT:sub(pos, first - 1)) end
    local v = values[key]
    if type(v) == "function" then v(send)
    elseif type(v) == "table" then templates.stream(v[1], v[2], send)
    elseif v ~= nil then send(raw == "{" and tostring(v) or templates.escape(v)) end
    pos = last + 1
  end
  if pos <= stop then send(TEXT:sub(pos, stop)) end
end

-- The whole text of a template (for small ones: table rows, tests).
function templates.render(name, values)
  local out = {}
  templates.stream(name, values, function(piece) out[#out + 1] = piece end)
  return table.concat(out)
end

-- A page: the layout around one of the page templates, as a function(send) that streams it.
function templates.page(title, device, name, values, uptime, served)
  local layout = { title = title, device = device, body = { name, values }, version = "0.1", uptime = uptime, served = served }
  return function(send) templates.stream("layout", layout, send) end
end

return templates
