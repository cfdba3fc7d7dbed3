-- upvalueid on native closures
local w = coroutine.wrap(function() end)
print(type(debug.upvalueid(w, 1)))
print(pcall(debug.upvalueid, w, 2))
print(pcall(debug.upvalueid, print, 1))
print(pcall(debug.upvaluejoin, w, 1, w, 1))
