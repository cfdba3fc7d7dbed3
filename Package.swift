// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "FlashLua",
    products: [
        .library(name: "FlashLua", targets: ["FlashLua"]),
        .library(name: "FlashLuaCompiler", targets: ["FlashLuaCompiler"]),
        .executable(name: "flashlua", targets: ["flashlua"]),
        .executable(name: "flashluac", targets: ["flashluac"]),
    ],
    targets: [
        // The only door to libc: number formatting/parsing and libm, as plain C functions.
        .target(name: "CFlashLuaShim", linkerSettings: [.linkedLibrary("m")]),
        // What compiler, loader and VM share: the instruction set and the compiled-function tree.
        .target(name: "FlashLuaBytecode", dependencies: ["FlashLuaText", "CFlashLuaShim"]),
        // Byte-level text algorithms: number <-> text, Lua patterns, string.pack.
        .target(name: "FlashLuaText", dependencies: ["CFlashLuaShim"]),
        // Source text -> FunctionDescription (lexer, parser, code generator).
        .target(name: "FlashLuaCompiler", dependencies: ["FlashLuaBytecode", "FlashLuaText", "CFlashLuaShim"]),
        // The runtime: values, heap, GC, strings, tables, VM, standard library, embedding API.
        .target(name: "FlashLua", dependencies: ["FlashLuaBytecode", "FlashLuaCompiler", "FlashLuaText", "CFlashLuaShim"]),
        // Host side: files, clocks, environment for desktop processes.
        .target(name: "FlashLuaHost", dependencies: ["FlashLua"]),
        .executableTarget(name: "flashlua", dependencies: ["FlashLua", "FlashLuaHost"]),
        .executableTarget(name: "flashluac", dependencies: ["FlashLua", "FlashLuaCompiler", "FlashLuaBytecode", "FlashLuaHost"]),
        .testTarget(name: "FlashLuaTests", dependencies: ["FlashLua", "FlashLuaCompiler", "FlashLuaText", "FlashLuaHost"]),
        .testTarget(name: "FlashLuaCompilerTests", dependencies: ["FlashLuaCompiler", "FlashLuaBytecode", "FlashLuaText"]),
        .testTarget(name: "FlashLuaTextTests", dependencies: ["FlashLuaText"]),
    ]
)
