#!/usr/bin/env lua
return "after shebang"
