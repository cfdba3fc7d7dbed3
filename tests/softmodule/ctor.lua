-- A module returned as a table constructor, its functions defined as locals first.
local greeting = "hello"
local function greet(name) return greeting .. ", " .. name end
local function setGreeting(g) local old = greeting; greeting = g; return old end
return { greet = greet, setGreeting = setGreeting, twice = function(x) return x, x end }
