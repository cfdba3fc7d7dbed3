import FlashLua
import FlashLuaNodeMCU

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The state a SIGINT interrupts (lua.c's globalL).
nonisolated(unsafe) private var interruptibleState: UnsafeMutableRawPointer?

/// lua.c's laction: default action for the next SIGINT, and the running chunk is interrupted.
private let interruptHandler: @convention(c) (Int32) -> Void = { _ in
    signal(SIGINT, SIG_DFL)
    if let address = interruptibleState { LuaState.requestInterrupt(address) }
}
/// The standalone interpreter's logic (lua.c): options, `arg`, LUA_INIT, scripts, -e/-l,
/// the interactive loop, error reports with tracebacks and exit status. The host supplies
/// terminal I/O; the `flashlua` command is a thin wrapper around this.
public struct StandaloneInterpreter {
    public var programName: String
    public var heapLimit: Int = Int.max
    /// The state's number model (`--numbers 32`: NodeMCU's 32-bit integers and floats).
    public var numbers: NumberModel = .int64Double
    public var host: HostServices
    public var writeOutput: (UnsafeBufferPointer<UInt8>) -> Void
    public var flushOutput: () -> Void = {}
    public var readLine: (String) -> String? = { _ in nil }
    public var standardInputIsTerminal: Bool = false
    /// lua.c's LUA_COPYRIGHT line ends in "Lua.org, PUC-Rio" (the official suite's main.lua
    /// looks for "PUC-Rio\n" in `-v` output); FlashLua names itself first.
    public var versionLine =
        "FlashLua 0.1 (Lua 5.3.6 language)  Copyright (C) 2026 FlashLua authors; Lua 5.3 Copyright (C) 1994-2020 Lua.org, PUC-Rio"
    /// Called by os.exit: flush and leave the process.
    public var exitProcess: (Int32) -> Void = { _ in }
    /// A mounted LFS image: its modules and ROM strings serve the state.
    public var flashImage: FlashImage?
    /// With the flash's LFS partition: open `node.LFS`, `node.flashindex`/`flashreload`, the LFS
    /// searcher and `debug.getstrings` (nil: plain lua5.3).
    public var lfs: LFSServices? = nil
    /// The LFS searcher comes before the file searcher.
    public var lfsFirst = false

    public enum Outcome: Equatable {
        case exit(Int32)
        /// The program asked for a restart (a successful LFS reload): the host boots again.
        case restart
    }

    public init(programName: String, host: HostServices, writeOutput: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.programName = programName
        self.host = host
        self.writeOutput = writeOutput
    }

    struct Options {
        var interactive = false
        var version = false
        var ignoreEnvironment = false
        var execute = false
        var scriptIndex: Int
        var error = false
    }

    /// Runs with argv (argv[0] is the program) and returns the exit status.
    public func run(_ argv: [String]) -> Int32 {
        switch start(argv) {
        case .exit(let status): return status
        case .restart: return 0
        }
    }

    /// Runs with argv and says how it ended: an exit status, or a restart request.
    public func start(_ argv: [String]) -> Outcome {
        let options = collectOptions(argv)
        var host = self.host
        if options.ignoreEnvironment { host.environment = { _ in nil } }
        let state: LuaState
        do {
            state = try LuaState(heapLimit: heapLimit, host: host, flashImage: flashImage, numbers: numbers)
            if let lfs { try state.openFlashStoreLibrary(lfs, lfsFirst: lfsFirst) }
            try state.preloadLuaFileSystem()
        } catch {
            message("cannot create state: not enough memory")
            return .exit(1)
        }
        if let problem = state.imageNumberProblem() {
            message("cannot run with this image: \(problem)")
            return .exit(1)
        }
        state.writeOutput = writeOutput
        let exit = exitProcess
        state.host.exit = { code, close in
            _ = close
            exit(code)
        }
        defer {
            state.close()
            flushOutput()
        }
        if options.error {
            printUsage(argv[options.scriptIndex])
            return .exit(1)
        }
        var ok = true
        do {
            ok = try state.withNativeFrame { () throws(LuaError) -> Bool in
                try main(state, argv, options)
            }
        } catch {
            if error.kind == .restart { return .restart }
            message(describe(state, error.value))
            ok = false
        }
        return .exit(ok ? 0 : 1)
    }

    private func collectOptions(_ argv: [String]) -> Options {
        var o = Options(scriptIndex: argv.count)
        var i = 1
        while i < argv.count {
            o.scriptIndex = i
            let a = Array(argv[i].utf8)
            if a.first != UInt8(ascii: "-") { return o }
            if a.count == 1 { return o }  // "-": stdin
            switch a[1] {
            case UInt8(ascii: "-"):
                if a.count != 2 {
                    o.error = true
                    return o
                }
                o.scriptIndex = i + 1
                return o
            case UInt8(ascii: "E"):
                if a.count != 2 {
                    o.error = true
                    return o
                }
                o.ignoreEnvironment = true
            case UInt8(ascii: "i"), UInt8(ascii: "v"):
                if a.count != 2 {
                    o.error = true
                    return o
                }
                if a[1] == UInt8(ascii: "i") { o.interactive = true }
                o.version = true
            case UInt8(ascii: "e"), UInt8(ascii: "l"):
                if a[1] == UInt8(ascii: "e") { o.execute = true }
                if a.count == 2 {
                    i += 1
                    if i >= argv.count || argv[i].hasPrefix("-") {
                        o.error = true
                        o.scriptIndex = i - 1
                        return o
                    }
                }
            default:
                o.error = true
                return o
            }
            i += 1
        }
        o.scriptIndex = argv.count
        return o
    }

    private func printUsage(_ badOption: String) {
        var text = "\(programName): "
        let b = Array(badOption.utf8)
        if b.count >= 2 && (b[1] == UInt8(ascii: "e") || b[1] == UInt8(ascii: "l")) {
            text += "'\(badOption)' needs argument\n"
        } else {
            text += "unrecognized option '\(badOption)'\n"
        }
        text += """
            usage: \(programName) [options] [script [args]]
            Available options are:
              -e stat  execute string 'stat'
              -i       enter interactive mode after executing 'script'
              -l name  require library 'name'
              -v       show version information
              -E       ignore environment variables
              --       stop handling options
              -        stop handling options and execute stdin

            """
        writeError(text)
    }

    private func writeError(_ text: String) {
        flushOutput()
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { host.writeError($0) }
    }

    private func message(_ text: String) {
        writeError("\(programName): \(text)\n")
    }

    private func describe(_ state: LuaState, _ v: Value) -> String {
        if v.isString || v.isNumber { return String(decoding: state.rawToStringBytes(v), as: UTF8.self) }
        return "(error object is a \(v.typeName) value)"
    }

    private func printVersion() {
        let line = Array((versionLine + "\n").utf8)
        line.withUnsafeBufferPointer { writeOutput($0) }
        flushOutput()
    }

    /// pmain: runs inside a native frame so tracebacks end in "[C]: in ?" as lua.c's do.
    private func main(_ L: LuaState, _ argv: [String], _ o: Options) throws(LuaError) -> Bool {
        if o.version { printVersion() }
        if o.ignoreEnvironment { try L.rawSet(L.registry, Value(try L.newString("LUA_NOENV")), .true) }
        // arg table: script at 0, interpreter and options negative.
        let argTable = try L.newTable(arraySize: max(argv.count - o.scriptIndex - 1, 0), hashSize: o.scriptIndex + 1)
        // In the globals before its strings are made: after 16 of them it would no longer be one
        // of the recent objects an emergency collection keeps.
        try L.setField(L.globals, "arg", Value(argTable))
        for (i, a) in argv.enumerated() {
            try L.rawSet(argTable, Value(Int64(i - o.scriptIndex)), Value(try L.newString(a)))
        }
        if !o.ignoreEnvironment, let initText = host.environment("LUA_INIT_5_3") ?? host.environment("LUA_INIT") {
            let ok: Bool
            if initText.hasPrefix("@") {
                ok = try runFile(L, String(initText.dropFirst()), scriptArguments: false)
            } else {
                ok = try runString(L, initText, chunkName: "=LUA_INIT")
            }
            if !ok { return false }
        }
        // -e and -l in order.
        var i = 1
        while i < o.scriptIndex {
            let a = argv[i]
            if a.hasPrefix("-e") || a.hasPrefix("-l") {
                var extra = String(a.dropFirst(2))
                if extra.isEmpty {
                    i += 1
                    extra = argv[i]
                }
                if a.hasPrefix("-e") {
                    if !(try runString(L, extra, chunkName: "=(command line)")) { return false }
                } else {
                    if !(try requireLibrary(L, extra)) { return false }
                }
            }
            i += 1
        }
        if o.scriptIndex < argv.count {
            var name: String? = argv[o.scriptIndex]
            if name == "-" && argv[o.scriptIndex - 1] != "--" { name = nil }
            if !(try runFile(L, name, scriptArguments: true)) { return false }
        }
        if o.interactive {
            try repl(L)
        } else if o.scriptIndex == argv.count && !o.execute && !o.version {
            if standardInputIsTerminal {
                printVersion()
                try repl(L)
            } else {
                if !(try runFile(L, nil, scriptArguments: false)) { return false }
            }
        }
        return true
    }

    /// docall + report: calls the function at the top with its arguments; prints errors.
    private func docall(_ L: LuaState, _ f: Value, _ arguments: [Value], wanted: Int = 0) throws(LuaError) -> Bool {
        let t = L.current!
        try L.ensureStack(arguments.count + 2)
        let handlerIndex = t.top
        t.push(Value(try L.newNativeClosure(LuaState.tracebackMessageHandler)))
        let fi = t.top
        t.push(f)
        for a in arguments { t.push(a) }
        // As lua.c's docall: a Ctrl-C (SIGINT) while the chunk runs becomes an "interrupted!"
        // error in it; a second one, before the first is seen, ends the process.
        interruptibleState = L.interruptAddress
        signal(SIGINT, interruptHandler)
        let error: LuaError?
        do {
            error = try L.protectedCall(fi, wanted: wanted, handler: handlerIndex)
        } catch {
            signal(SIGINT, SIG_DFL)
            throw error
        }
        signal(SIGINT, SIG_DFL)
        if let error {
            message(describe(L, error.value))
            t.top = handlerIndex
            return false
        }
        return true
    }

    private func report(_ L: LuaState, _ error: LuaError) {
        message(describe(L, error.value))
    }

    /// The loaded chunk, or nil when loading failed and was reported (memory errors propagate).
    private func loadOrReport(_ L: LuaState, _ load: () throws(LuaError) -> LuaClosure) throws(LuaError) -> LuaClosure? {
        do {
            return try load()
        } catch {
            if error.kind == .memory { throw error }
            report(L, error)
            return nil
        }
    }

    private func runString(_ L: LuaState, _ text: String, chunkName: String) throws(LuaError) -> Bool {
        let loaded = try loadOrReport(L) { () throws(LuaError) in
            try Array(text.utf8).withUnsafeBufferPointer { b throws(LuaError) in try L.load(b, chunkName: Array(chunkName.utf8)) }
        }
        guard let f = loaded else { return false }
        let t = L.current!
        let top = t.top
        defer { t.top = top }
        return try docall(L, Value(f), [])
    }

    /// dofile, or with `scriptArguments` handle_script: after loading, the script's arguments
    /// are read from the global `arg` as it is then (pushargs: luaL_len of the table, then
    /// raw arg[1]..arg[n]), so `-e` code that changes `arg` changes them.
    private func runFile(_ L: LuaState, _ name: String?, scriptArguments: Bool) throws(LuaError) -> Bool {
        let loaded = try loadOrReport(L) { () throws(LuaError) in try L.loadFile(name, mode: Array("bt".utf8), env: nil) }
        guard let f = loaded else { return false }
        // The chunk and its arguments stay on the stack while the call is prepared.
        let t = L.current!
        let top = t.top
        defer { t.top = top }
        try L.ensureStack(1)
        t.push(Value(f))
        var args: [Value] = []
        if scriptArguments {
            let argValue = try L.getField(L.globals, "arg")
            guard argValue.isTable else { throw L.nativeError("'arg' is not a table") }
            let lengthValue = try L.length(of: argValue, operand: .none)
            guard let n = L.toInteger(lengthValue) else { throw L.nativeError("object length is not an integer") }
            if n > 0 {
                if n > 1_000_000 { throw L.nativeError("stack overflow (too many arguments to script)") }
                try L.ensureStack(Int(n) + 3)
                args.reserveCapacity(Int(n))
                for i in 1...n { args.append(L.rawGet(argValue.table, Value(i))) }
            }
        }
        return try docall(L, Value(f), args)
    }

    private func requireLibrary(_ L: LuaState, _ name: String) throws(LuaError) -> Bool {
        let t = L.current!
        let top = t.top
        defer { t.top = top }
        let require = try L.getField(L.globals, "require")
        guard try docall(L, require, [Value(try L.newString(name))], wanted: 1) else { return false }
        try L.rawSet(L.globals, Value(try L.newString(name)), t.stack[t.top - 1])
        return true
    }

    // MARK: Interactive

    private func prompt(_ L: LuaState, first: Bool) -> String {
        let v = (try? L.getField(L.globals, first ? "_PROMPT" : "_PROMPT2")) ?? .nil
        if v.isString || v.isNumber { return String(decoding: L.rawToStringBytes(v), as: UTF8.self) }
        return first ? "> " : ">> "
    }

    private func repl(_ L: LuaState) throws(LuaError) {
        while true {
            flushOutput()
            guard var line = readLine(prompt(L, first: true)) else { break }
            if line.hasPrefix("=") { line = "return " + line.dropFirst() }
            var f: LuaClosure? = nil
            // First as an expression to print, then as a statement, reading more lines while
            // the chunk is incomplete (its error ends at <eof>).
            if let g = try? loadText(L, "return " + line, chunkName: "=stdin") {
                f = g
            } else {
                var text = line
                while true {
                    do {
                        f = try loadText(L, text, chunkName: "=stdin")
                        break
                    } catch {
                        if error.kind == .memory { throw error }
                        let msg = error.value.isString ? error.value.string.swiftString : ""
                        if msg.hasSuffix("<eof>") {
                            flushOutput()
                            guard let more = readLine(prompt(L, first: false)) else {
                                report(L, error)
                                break
                            }
                            text += "\n" + more
                            continue
                        }
                        report(L, error)
                        break
                    }
                }
            }
            guard let fn = f else { continue }
            let t = L.current!
            let top = t.top
            if try docall(L, Value(fn), [], wanted: -1) {
                let first = top + 1
                if t.top > first {
                    let printFn = try L.getField(L.globals, "print")
                    var results: [Value] = []
                    for i in first..<t.top { results.append(t.stack[i]) }
                    // Room before the results leave the stack (growing it may collect).
                    try L.ensureStack(results.count + 1)
                    t.top = top
                    let fi = t.top
                    t.push(printFn)
                    for r in results { t.push(r) }
                    if let error = try L.protectedCall(fi, wanted: 0, handler: 0) {
                        message("error calling 'print' (\(describe(L, error.value)))")
                    }
                }
            }
            t.top = top
        }
        let newline: [UInt8] = [10]
        newline.withUnsafeBufferPointer { writeOutput($0) }
    }

    private func loadText(_ L: LuaState, _ text: String, chunkName: String) throws(LuaError) -> LuaClosure {
        try Array(text.utf8).withUnsafeBufferPointer { b throws(LuaError) in try L.load(b, chunkName: Array(chunkName.utf8)) }
    }
}
