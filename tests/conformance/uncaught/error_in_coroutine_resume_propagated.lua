local co = coroutine.create(function() local x = {} return x.a.b end)
local ok, err = coroutine.resume(co)
print(ok, err)
error(err, 0)
