// swift-tools-version:6.0
import PackageDescription

// The layers, bottom up (docs/ARCHITECTURE.md has the picture):
//   CFlashLuaShim -> FlashLuaText -> FlashLuaBytecode -> FlashLuaCompiler -> FlashLuaCore
//   FlashLuaCore -> FlashLuaStandardLibrary, FlashLuaSoftmodule -> FlashLua (embedding facade)
//   FlashLua -> FlashLuaNodeMCU (the device) -> FlashLuaHost (desktop) -> flashlua, flashluac
// Everything below the host is portable (no Foundation, Glibc or Darwin: Embedded Swift builds it).
let package = Package(
    name: "FlashLua",
    products: [
        .library(name: "FlashLua", targets: ["FlashLua"]),
        .library(name: "FlashLuaCompiler", targets: ["FlashLuaCompiler"]),
        .library(name: "FlashLuaNodeMCU", targets: ["FlashLuaNodeMCU"]),
        .library(name: "FlashLuaHost", targets: ["FlashLuaHost"]),
        .executable(name: "flashlua", targets: ["flashlua"]),
        .executable(name: "flashluac", targets: ["flashluac"]),
    ],
    targets: [
        // The only door to libc: number formatting/parsing and libm, as plain C functions.
        .target(name: "CFlashLuaShim", linkerSettings: [.linkedLibrary("m")]),
        // Byte-level text algorithms: number <-> text, Lua patterns, string.pack.
        .target(name: "FlashLuaText", dependencies: ["CFlashLuaShim"]),
        // What compiler, loader and VM share: the instruction set and the compiled-function tree.
        .target(name: "FlashLuaBytecode", dependencies: ["FlashLuaText", "CFlashLuaShim"]),
        // Source text -> FunctionDescription (lexer, parser, code generator).
        .target(name: "FlashLuaCompiler", dependencies: ["FlashLuaBytecode", "FlashLuaText", "CFlashLuaShim"]),
        // The runtime core: values, objects, heap and collector, VM, calls and errors, debug
        // information, read-only images, soft prototypes, and the auxiliary library API that
        // every library is written against.
        .target(name: "FlashLuaCore", dependencies: ["FlashLuaBytecode", "FlashLuaCompiler", "FlashLuaText", "CFlashLuaShim"]),
        // Lua 5.3's standard library (base, package, coroutine, debug, string, utf8, table, math, os, io).
        .target(name: "FlashLuaStandardLibrary", dependencies: ["FlashLuaCore", "FlashLuaBytecode", "FlashLuaCompiler", "FlashLuaText", "CFlashLuaShim"]),
        // softmodule: module functions whose code is loaded from .lc files on demand.
        .target(name: "FlashLuaSoftmodule", dependencies: ["FlashLuaCore", "FlashLuaStandardLibrary", "FlashLuaBytecode", "FlashLuaCompiler"]),
        // The public embedding API: a state with the libraries, LuaValue, run/call/register.
        .target(name: "FlashLua", dependencies: ["FlashLuaCore", "FlashLuaStandardLibrary", "FlashLuaSoftmodule"]),
        // The NodeMCU device: node/file/tmr and node.LFS, the event loop, console, boot policy,
        // the SPIFFS model, the flash chip, partition table and LFS partition.
        .target(name: "FlashLuaNodeMCU", dependencies: ["FlashLua", "FlashLuaCore", "FlashLuaStandardLibrary", "FlashLuaBytecode", "FlashLuaCompiler", "FlashLuaText"]),
        // The desktop host: stdio files, clocks, environment, mapped images, the flash file, a
        // folder as the device's file system, lua.c's logic.
        .target(name: "FlashLuaHost", dependencies: ["FlashLua", "FlashLuaCore", "FlashLuaNodeMCU"]),
        .executableTarget(name: "flashlua", dependencies: ["FlashLua", "FlashLuaNodeMCU", "FlashLuaHost"]),
        .executableTarget(name: "flashluac", dependencies: ["FlashLua", "FlashLuaCore", "FlashLuaCompiler", "FlashLuaBytecode", "FlashLuaHost"]),
        .testTarget(
            name: "FlashLuaTests",
            dependencies: [
                "FlashLua", "FlashLuaCore", "FlashLuaStandardLibrary", "FlashLuaSoftmodule", "FlashLuaNodeMCU",
                "FlashLuaCompiler", "FlashLuaBytecode", "FlashLuaText", "FlashLuaHost",
            ]),
        .testTarget(name: "FlashLuaCompilerTests", dependencies: ["FlashLuaCompiler", "FlashLuaBytecode", "FlashLuaText"]),
        .testTarget(name: "FlashLuaTextTests", dependencies: ["FlashLuaText"]),
    ]
)
