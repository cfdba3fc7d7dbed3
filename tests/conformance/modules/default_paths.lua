-- The default package.path and package.cpath of Debian's lua5.3 (LUA_PATH*/LUA_CPATH* unset).
print(package.path)
print(package.cpath)
print(package.config)
print(select(2, package.searchpath("surely_not_a_module_c52", package.path)))
print(select(2, package.searchpath("surely.not.a.module", package.cpath)))
