#!/usr/bin/env lua this first line is skipped by the standalone interpreter
print("shebang skipped")
-- load does not skip '#' lines
print(load("#!/bin/lua\nreturn 1"))
print(arg[0])
print(#arg)
